-- The durable jobs of a service: an event that asks for long work (a backup, a load, a verification, a
-- compensation) is recorded here and acknowledged; a worker runs it off the consumer thread and a restart
-- resumes what did not finish. Jobs of one run run one at a time, oldest first.
CREATE TABLE phase_job (
    event_id      text PRIMARY KEY,
    migration_id  text        NOT NULL,
    attempt       integer     NOT NULL,
    handler       text        NOT NULL,
    -- a compensation undoes a run: it cancels the run's forward jobs and is never cancelled itself
    compensation  boolean     NOT NULL,
    event         text        NOT NULL,
    status        text        NOT NULL,
    not_before    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    starts        integer     NOT NULL DEFAULT 0,
    cancel_reason text,
    detail        text
);
CREATE INDEX phase_job_unfinished_idx ON phase_job (created_at) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX phase_job_migration_idx ON phase_job (migration_id, attempt);
