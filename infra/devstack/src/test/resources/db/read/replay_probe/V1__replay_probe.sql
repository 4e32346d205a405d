-- The replay probe of the rebuild ITs keeps its rows in view_row like any other read model.
CREATE INDEX IF NOT EXISTS replay_probe_idx ON view_row (id) WHERE view = 'replay_probe';
