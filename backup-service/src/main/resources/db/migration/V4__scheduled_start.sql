-- Runs whose maintenance window opens later: the request waits here until WindowGate starts its backup.
CREATE TABLE scheduled_start (
    event_id     text PRIMARY KEY,
    migration_id text        NOT NULL,
    starts_at    timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    event        text        NOT NULL
);
CREATE INDEX scheduled_start_due_idx ON scheduled_start (starts_at);
