-- The pool list filters by tier and status and pages by (number, id). Members are listed by their parent (the pool)
-- and id, which the engine's view_row_parent_idx already serves.
CREATE INDEX pool_tier_idx ON view_row ((body ->> 'tier'), ((body ->> 'number')::bigint), id) WHERE view = 'pool';
CREATE INDEX pool_status_idx ON view_row ((body ->> 'status'), ((body ->> 'number')::bigint), id) WHERE view = 'pool';
CREATE INDEX pool_number_idx ON view_row (((body ->> 'number')::bigint), id) WHERE view = 'pool';
