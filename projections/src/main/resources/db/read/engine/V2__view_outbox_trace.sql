-- The trace context of each view change (W3C traceparent/tracestate of the projection's span), published with it on
-- lucid.view.changes as the CloudEvents distributed-tracing extension. Null for changes of untraced events.
ALTER TABLE view_outbox ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
