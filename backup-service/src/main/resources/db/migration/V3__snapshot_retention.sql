-- Retention deletes old snapshots' files but keeps their rows, marked deleted.
ALTER TABLE snapshot ADD COLUMN deleted_at timestamptz;
CREATE INDEX snapshot_source_idx ON snapshot (source_dir, created_at DESC) WHERE deleted_at IS NULL;

-- Whether a run is still going: retention never deletes the snapshot of an active run.
CREATE TABLE run_activity (
    migration_id  text PRIMARY KEY,
    active        boolean     NOT NULL,
    last_event    text        NOT NULL,
    last_event_at timestamptz NOT NULL
);
