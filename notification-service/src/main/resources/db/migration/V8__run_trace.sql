-- The trace of the run's current attempt (W3C trace id), when it was traced: the status page shows it, to look it
-- up in the tracing backend. trace_attempt is the attempt it belongs to: a retry's trace replaces it.
ALTER TABLE run ADD COLUMN trace_id text;
ALTER TABLE run ADD COLUMN trace_attempt integer;
