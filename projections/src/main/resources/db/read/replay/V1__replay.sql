-- Blue/green rebuilds of projections (docs/replay.md). Written by the projections service's replay coordinator and
-- by query-api's ADMIN API (requests, switch and drop flags); nothing else reads them.

-- The read models the running projections service can rebuild (it rewrites the list at each start).
CREATE TABLE replay_projection (
    name       TEXT        PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One rebuild: requested by query-api, run by the coordinator into schema `schema_name`, compared, maybe switched.
CREATE TABLE replay (
    id               BIGSERIAL   PRIMARY KEY,
    projections      TEXT[]      NOT NULL,
    schema_name      TEXT,
    state            TEXT        NOT NULL DEFAULT 'requested',
    switch_requested BOOLEAN     NOT NULL DEFAULT false,
    drop_requested   BOOLEAN     NOT NULL DEFAULT false,
    requested_by     TEXT        NOT NULL,
    events_done      BIGINT      NOT NULL DEFAULT 0,
    events_total     BIGINT      NOT NULL DEFAULT 0,
    events_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    comparison       JSON,
    error            TEXT,
    requested_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
