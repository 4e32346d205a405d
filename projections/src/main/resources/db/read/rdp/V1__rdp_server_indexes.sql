-- The RDP server list pages newest first (created_at descending, then id) and filters by state, node, owner,
-- session and the unresponsive flag; each filter index carries the sort key.
CREATE INDEX rdp_server_created_idx ON view_row ((body ->> 'created_at') DESC, id) WHERE view = 'rdp_server';
CREATE INDEX rdp_server_state_idx ON view_row ((body ->> 'state'), (body ->> 'created_at') DESC, id)
    WHERE view = 'rdp_server';
CREATE INDEX rdp_server_node_idx ON view_row ((body ->> 'node_id'), (body ->> 'created_at') DESC, id)
    WHERE view = 'rdp_server';
CREATE INDEX rdp_server_owner_idx ON view_row ((body ->> 'owner'), (body ->> 'created_at') DESC, id)
    WHERE view = 'rdp_server';
CREATE INDEX rdp_server_session_idx ON view_row ((body ->> 'session_id'), (body ->> 'created_at') DESC, id)
    WHERE view = 'rdp_server';
CREATE INDEX rdp_server_unresponsive_idx ON view_row ((body ->> 'unresponsive'), (body ->> 'created_at') DESC, id)
    WHERE view = 'rdp_server';
