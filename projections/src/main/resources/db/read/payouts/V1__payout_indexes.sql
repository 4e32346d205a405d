-- Payouts are listed newest first, optionally by state, node or epoch; the per-node list also backs the
-- payouts:<node_id> channel's snapshot and a NODE token's own list. Each index leads with the filtered field and
-- follows the list order, so a filtered page is one index range scan.
CREATE INDEX payout_created_idx ON view_row ((body ->> 'created_at') DESC, id) WHERE view = 'payout';
CREATE INDEX payout_state_idx ON view_row ((body ->> 'state'), (body ->> 'created_at') DESC, id)
    WHERE view = 'payout';
CREATE INDEX payout_node_idx ON view_row ((body ->> 'node_id'), (body ->> 'created_at') DESC, id)
    WHERE view = 'payout';
CREATE INDEX payout_epoch_idx ON view_row ((body ->> 'epoch'), (body ->> 'created_at') DESC, id)
    WHERE view = 'payout';
