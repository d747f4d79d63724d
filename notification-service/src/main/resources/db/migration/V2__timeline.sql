-- Every run event notification-service received, stored once by event id.
CREATE TABLE run_event (
    event_id     text PRIMARY KEY,
    migration_id text        NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    producer     text        NOT NULL,
    attempt      integer     NOT NULL,
    event        jsonb       NOT NULL
);
CREATE INDEX run_event_migration_idx ON run_event (migration_id, occurred_at);

-- One row per run: the state folded from its events (RunStateMachine), with the fields the list shows.
CREATE TABLE run (
    migration_id   text PRIMARY KEY,
    status         text        NOT NULL,
    phase          text,
    started_at     timestamptz,
    updated_at     timestamptz,
    target_profile text,
    failure_reason text,
    state          jsonb       NOT NULL
);
-- The run list: newest first (Run.newestFirst).
CREATE INDEX run_newest_idx ON run ((coalesce(started_at, updated_at)) DESC NULLS LAST, migration_id DESC);
