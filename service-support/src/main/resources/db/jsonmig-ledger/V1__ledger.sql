-- The ledger every jsonmig service keeps in its own schema (quarkus.flyway.schemas).

CREATE TABLE processed_event (
    event_id     text PRIMARY KEY,
    migration_id text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL
);
CREATE INDEX processed_event_migration_idx ON processed_event (migration_id);

CREATE SEQUENCE phase_run_seq INCREMENT BY 50;
CREATE TABLE phase_run (
    id           bigint PRIMARY KEY,
    migration_id text        NOT NULL,
    phase        text        NOT NULL,
    attempt      integer     NOT NULL,
    status       text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    detail       text
);
CREATE INDEX phase_run_migration_idx ON phase_run (migration_id);
