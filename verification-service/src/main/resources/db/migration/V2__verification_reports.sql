-- One report per run and attempt: what was compared and how it came out.
CREATE SEQUENCE verification_report_seq INCREMENT BY 50;
CREATE TABLE verification_report (
    id               bigint PRIMARY KEY,
    migration_id     text        NOT NULL,
    attempt          integer     NOT NULL,
    target_profile   text        NOT NULL,
    snapshot_id      text,
    passed           boolean     NOT NULL,
    summary          text        NOT NULL,
    checks           jsonb       NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    CONSTRAINT verification_report_run_attempt_key UNIQUE (migration_id, attempt)
);
