-- The W3C traceparent of the event a job was recorded for (null when tracing is off): the job runs later on a
-- worker thread, after a restart perhaps, and continues that trace, so what it publishes belongs to the run's.
ALTER TABLE phase_job ADD COLUMN traceparent text;
