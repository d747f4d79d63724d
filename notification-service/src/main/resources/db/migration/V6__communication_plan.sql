-- What the communication plan has said about each run between events (reminder, periodic updates),
-- so a restart neither repeats nor forgets them. The run itself is in "run".
CREATE TABLE plan_run (
    migration_id       text PRIMARY KEY,
    reminder_sent_at   timestamptz,
    updates_sent       integer NOT NULL DEFAULT 0,
    last_update_at     timestamptz,
    last_update_digest text
);
