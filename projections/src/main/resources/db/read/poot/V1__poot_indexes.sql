-- The leaderboard pages by (weight descending, id), optionally within one epoch or among eligible nodes; the score
-- list filters by eligibility and epoch and pages by id; tallies page by epoch descending.
CREATE INDEX score_weight_idx ON view_row (((body ->> 'weight')::bigint) DESC, id) WHERE view = 'score';
CREATE INDEX score_epoch_weight_idx ON view_row (((body ->> 'epoch')::bigint), ((body ->> 'weight')::bigint) DESC, id)
    WHERE view = 'score';
CREATE INDEX score_epoch_idx ON view_row (((body ->> 'epoch')::bigint), id) WHERE view = 'score';
CREATE INDEX score_eligible_idx ON view_row ((body ->> 'eligible'), id) WHERE view = 'score';
CREATE INDEX score_eligible_weight_idx ON view_row ((body ->> 'eligible'), ((body ->> 'weight')::bigint) DESC, id)
    WHERE view = 'score';
CREATE INDEX tally_epoch_idx ON view_row (((body ->> 'epoch')::bigint) DESC, id) WHERE view = 'tally';
