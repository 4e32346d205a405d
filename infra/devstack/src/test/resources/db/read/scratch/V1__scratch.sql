-- The scratch read model of the engine ITs keeps its rows in view_row like any other.
CREATE INDEX IF NOT EXISTS scratch_idx ON view_row (id) WHERE view = 'scratch';
