-- A run's attempt may have two reports: the forward verification of its load, and, after a rollback
-- within the stabilization window, the verification of the reverse sync's export against the fenced tables.
ALTER TABLE verification_report
    ADD COLUMN kind text NOT NULL DEFAULT 'forward'
        CONSTRAINT verification_report_kind_check CHECK (kind IN ('forward', 'reverse-sync'));
ALTER TABLE verification_report DROP CONSTRAINT verification_report_run_attempt_key;
ALTER TABLE verification_report
    ADD CONSTRAINT verification_report_run_attempt_kind_key UNIQUE (migration_id, attempt, kind);
