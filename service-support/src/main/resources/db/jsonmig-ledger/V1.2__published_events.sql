-- Every event this service published (progress aside), by id: a job that runs again after a crash
-- publishes the same ids, and sends what was sent the first time, not a new version of it.
CREATE TABLE published_event (
    event_id     text PRIMARY KEY,
    migration_id text        NOT NULL,
    event_type   text        NOT NULL,
    event        text        NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX published_event_migration_idx ON published_event (migration_id);
