-- The session list pages newest first (created_at descending, then id) and filters by state, node, owner and RDP
-- server; each filter index carries the sort key, so a filtered page is read in order from the index.
CREATE INDEX session_created_idx ON view_row ((body ->> 'created_at') DESC, id) WHERE view = 'session';
CREATE INDEX session_state_idx ON view_row ((body ->> 'state'), (body ->> 'created_at') DESC, id)
    WHERE view = 'session';
CREATE INDEX session_node_idx ON view_row ((body ->> 'node_id'), (body ->> 'created_at') DESC, id)
    WHERE view = 'session';
CREATE INDEX session_owner_idx ON view_row ((body ->> 'owner'), (body ->> 'created_at') DESC, id)
    WHERE view = 'session';
CREATE INDEX session_rdp_server_idx ON view_row ((body ->> 'rdp_server_id'), (body ->> 'created_at') DESC, id)
    WHERE view = 'session';

-- A session's chunks page by sequence number (a number: chunk 10 comes after chunk 9, not after chunk 1).
CREATE INDEX chunk_sequence_idx ON view_row (parent, ((body ->> 'sequence_number')::bigint), id)
    WHERE view = 'chunk';
