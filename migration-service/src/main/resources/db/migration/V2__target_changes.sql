-- What migration-service changed in each run's target, so that a rollback removes exactly that.

-- The target as it was before the run changed anything (the first capture of a run wins).
CREATE TABLE target_capture (
    migration_id           text PRIMARY KEY,
    target_profile         text        NOT NULL,
    default_schema         text        NOT NULL,
    flyway_history_existed boolean     NOT NULL,
    captured_at            timestamptz NOT NULL,
    schema_diff_at         timestamptz
);

-- The objects that existed before the run: never dropped by its compensation.
CREATE SEQUENCE captured_object_seq INCREMENT BY 50;
CREATE TABLE captured_object (
    id           bigint PRIMARY KEY,
    migration_id text   NOT NULL REFERENCES target_capture (migration_id),
    kind         text   NOT NULL,
    schema_name  text   NOT NULL,
    name         text   NOT NULL,
    identity     text   NOT NULL,
    object_oid   bigint NOT NULL
);
CREATE INDEX captured_object_migration_idx ON captured_object (migration_id);

-- The objects the run created, in creation order.
CREATE SEQUENCE created_object_seq INCREMENT BY 50;
CREATE TABLE created_object (
    id             bigint PRIMARY KEY,
    migration_id   text        NOT NULL REFERENCES target_capture (migration_id),
    creation_order integer     NOT NULL,
    kind           text        NOT NULL,
    schema_name    text        NOT NULL,
    name           text        NOT NULL,
    identity       text        NOT NULL,
    object_oid     bigint      NOT NULL,
    owner_oid      bigint,
    detected_at    timestamptz NOT NULL,
    dropped_at     timestamptz,
    UNIQUE (migration_id, creation_order)
);

-- The schema migrations the run applied.
CREATE SEQUENCE applied_migration_seq INCREMENT BY 50;
CREATE TABLE applied_migration (
    id             bigint PRIMARY KEY,
    migration_id   text        NOT NULL,
    attempt        integer     NOT NULL,
    version        text,
    description    text        NOT NULL,
    script         text        NOT NULL,
    applied_at     timestamptz NOT NULL,
    compensated_at timestamptz
);
CREATE INDEX applied_migration_migration_idx ON applied_migration (migration_id);

-- The collections the run loaded, recorded before the first row is written.
CREATE SEQUENCE target_table_load_seq INCREMENT BY 50;
CREATE TABLE target_table_load (
    id             bigint PRIMARY KEY,
    migration_id   text        NOT NULL,
    attempt        integer     NOT NULL,
    collection     text        NOT NULL,
    schema_name    text        NOT NULL,
    table_name     text        NOT NULL,
    pre_existing   boolean     NOT NULL,
    status         text        NOT NULL,
    rows_loaded    bigint,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    compensated_at timestamptz
);
CREATE INDEX target_table_load_migration_idx ON target_table_load (migration_id);
