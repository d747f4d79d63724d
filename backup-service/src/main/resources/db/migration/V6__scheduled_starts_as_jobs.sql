-- A run waiting for its maintenance window is now a backup job due when the window opens (phase_job.not_before):
-- starts recorded before this version become such jobs, and their table goes.
INSERT INTO phase_job (event_id, migration_id, attempt, handler, compensation, event, status, not_before, created_at)
SELECT event_id, migration_id, (event::jsonb ->> 'attempt')::integer, 'backup', false, event, 'PENDING', starts_at,
       recorded_at
FROM scheduled_start
ON CONFLICT (event_id) DO NOTHING;
DROP TABLE scheduled_start;
