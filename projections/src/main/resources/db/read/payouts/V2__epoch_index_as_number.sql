-- Number filters compare as numbers (query-api casts them to bigint, as the other read models' indexes do).
DROP INDEX IF EXISTS payout_epoch_idx;
CREATE INDEX payout_epoch_idx ON view_row (((body ->> 'epoch')::bigint), (body ->> 'created_at') DESC, id)
    WHERE view = 'payout';
