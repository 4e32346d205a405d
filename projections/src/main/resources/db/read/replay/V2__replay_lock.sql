-- The replay lock's fencing token (docs/replay.md, "Fencing"): one row per read schema. A coordinator that takes the
-- schema's advisory lock increments `generation` before it runs anything; every write of a rebuild (each batch, each
-- state change, the switch, a drop) reads this row FOR SHARE in its own transaction and rolls back unless the
-- generation is still its own. `holder` and `taken_at` tell an operator which coordinator holds the lock and since
-- when; `previous_holder` who held it before.
CREATE TABLE replay_lock (
    singleton       BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    generation      BIGINT      NOT NULL,
    holder          TEXT,
    previous_holder TEXT,
    taken_at        TIMESTAMPTZ
);

INSERT INTO replay_lock (generation) VALUES (0);
