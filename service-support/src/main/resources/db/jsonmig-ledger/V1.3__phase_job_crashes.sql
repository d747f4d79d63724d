-- How often the service died while running the job (found RUNNING when a worker claimed it again): a job
-- that takes its JVM down (out of memory, say) would otherwise take it down at every start.
ALTER TABLE phase_job ADD COLUMN crashes integer NOT NULL DEFAULT 0;
