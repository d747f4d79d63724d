-- Snapshots taken by backup-service, one per run and attempt.
CREATE TABLE snapshot (
    snapshot_id     text PRIMARY KEY,
    migration_id    text        NOT NULL,
    attempt         integer     NOT NULL,
    source_dir      text        NOT NULL,
    location        text        NOT NULL,
    layout          text        NOT NULL,
    files           integer     NOT NULL,
    bytes           bigint      NOT NULL,
    records         bigint      NOT NULL,
    manifest_sha256 text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX snapshot_migration_idx ON snapshot (migration_id);
