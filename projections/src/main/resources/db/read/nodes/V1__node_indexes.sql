-- The node list filters by status, tier, pool, type and country, and pages by id.
CREATE INDEX node_status_idx ON view_row ((body ->> 'status'), id) WHERE view = 'node';
CREATE INDEX node_tier_idx ON view_row ((body ->> 'tier'), id) WHERE view = 'node';
CREATE INDEX node_pool_idx ON view_row ((body ->> 'pool_id'), id) WHERE view = 'node';
