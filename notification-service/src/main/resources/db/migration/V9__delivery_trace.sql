-- The trace a delivery was recorded in (W3C traceparent of the span that handled the run's event): each attempt
-- to send it is a span of the run's trace, so the tracing backend shows when and how each message went out.
ALTER TABLE delivery ADD COLUMN traceparent text;
