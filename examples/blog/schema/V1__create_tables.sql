-- Blog sample: tables for the users, posts and comments collections of examples/blog/db.json.
-- Parents first: posts reference users, comments reference posts.

CREATE TABLE users (
    id               integer      PRIMARY KEY,
    name             text         NOT NULL,
    username         text         NOT NULL UNIQUE,
    email            text         NOT NULL,
    phone            text,
    website          text,
    address_street   text,
    address_suite    text,
    address_city     text,
    address_zipcode  text,
    address_geo_lat  numeric(9,6),
    address_geo_lng  numeric(9,6),
    company          jsonb,
    created_at       timestamptz  NOT NULL,
    active           boolean      NOT NULL
);

CREATE TABLE posts (
    id            integer      PRIMARY KEY,
    user_id       integer      NOT NULL REFERENCES users (id),
    title         text         NOT NULL,
    body          text         NOT NULL,
    tags          text[]       NOT NULL DEFAULT '{}',
    published_at  timestamptz  NOT NULL,
    views         integer      NOT NULL DEFAULT 0
);

CREATE TABLE comments (
    id          integer      PRIMARY KEY,
    post_id     integer      NOT NULL REFERENCES posts (id),
    name        text         NOT NULL,
    email       text         NOT NULL,
    body        text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
