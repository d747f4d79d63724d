-- The keys, indexes and foreign keys a run dropped from the empty tables its schema migrations created,
-- to load them bare and build them after the load: what a resumed load builds again, and what tells a
-- crash that the table in the target lacks them on purpose.
CREATE SEQUENCE deferred_constraint_seq INCREMENT BY 50;
CREATE TABLE deferred_constraint (
    id           bigint PRIMARY KEY,
    migration_id text        NOT NULL,
    attempt      integer     NOT NULL,
    schema_name  text        NOT NULL,
    table_name   text        NOT NULL,
    table_oid    bigint      NOT NULL,
    build_order  integer     NOT NULL,
    kind         text        NOT NULL,
    name         text        NOT NULL,
    definition   text        NOT NULL,
    key_columns  text,
    recorded_at  timestamptz NOT NULL,
    dropped_at   timestamptz,
    built_at     timestamptz,
    UNIQUE (migration_id, attempt, schema_name, table_name, kind, name)
);
