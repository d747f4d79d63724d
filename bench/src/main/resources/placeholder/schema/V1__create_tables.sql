-- Tables of a JSONPlaceholder-shaped db.json (the migration benchmark's source), parents first.
-- The address is flattened into address_* columns, the company kept whole as jsonb.

CREATE TABLE users (
    id               integer       PRIMARY KEY,
    name             text          NOT NULL,
    username         text          NOT NULL,
    email            text          NOT NULL,
    address_street   text,
    address_suite    text,
    address_city     text,
    address_zipcode  text,
    address_geo_lat  numeric(9,6),
    address_geo_lng  numeric(9,6),
    phone            text,
    website          text,
    company          jsonb
);

CREATE TABLE posts (
    id       integer  PRIMARY KEY,
    user_id  integer  NOT NULL REFERENCES users (id),
    title    text     NOT NULL,
    body     text     NOT NULL
);

CREATE TABLE comments (
    id       integer  PRIMARY KEY,
    post_id  integer  NOT NULL REFERENCES posts (id),
    name     text     NOT NULL,
    email    text     NOT NULL,
    body     text     NOT NULL
);

CREATE TABLE albums (
    id       integer  PRIMARY KEY,
    user_id  integer  NOT NULL REFERENCES users (id),
    title    text     NOT NULL
);

CREATE TABLE photos (
    id             integer  PRIMARY KEY,
    album_id       integer  NOT NULL REFERENCES albums (id),
    title          text     NOT NULL,
    url            text     NOT NULL,
    thumbnail_url  text     NOT NULL
);

CREATE TABLE todos (
    id         integer  PRIMARY KEY,
    user_id    integer  NOT NULL REFERENCES users (id),
    title      text     NOT NULL,
    completed  boolean  NOT NULL
);
