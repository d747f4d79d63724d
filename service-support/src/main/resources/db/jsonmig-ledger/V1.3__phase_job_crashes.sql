-- How often the service died while running the job (found RUNNING when a worker claimed it again): a job
-- that takes its JVM down (out of memory, say) would otherwise take it down at every start.
ALTER TABLE phase_job ADD COLUMN crashes integer NOT NULL DEFAULT 0;
-- Why a job will never run again (an Error in it, too many crashes), written before its handler reports
-- that to the run: a report that could not be published is retried, the job itself never is.
ALTER TABLE phase_job ADD COLUMN abandon_reason text;
-- Which process started the job last: a RUNNING job this process left behind (its ledger was down when
-- the job ended) is resumed without counting as a crash.
ALTER TABLE phase_job ADD COLUMN started_by text;
