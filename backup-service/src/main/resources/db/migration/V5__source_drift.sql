-- Runs whose cut-over was refused because the live JSON files changed after the backup: their
-- rollback keeps the live files, which hold the application's writes made since.
CREATE TABLE source_drift (
    id           text PRIMARY KEY,
    migration_id text        NOT NULL,
    attempt      integer     NOT NULL,
    snapshot_id  text        NOT NULL,
    files        text        NOT NULL,
    detected_at  timestamptz NOT NULL
);
