-- One row per node: its registration flattened, its lifecycle status and its version
-- (the aggregate sequence number of the last applied event + 1).
CREATE TABLE node_view (
    node_id        TEXT        PRIMARY KEY,
    name           TEXT        NOT NULL,
    node_type      TEXT        NOT NULL,
    cpu_cores      INTEGER     NOT NULL,
    memory_bytes   BIGINT      NOT NULL,
    storage_bytes  BIGINT      NOT NULL,
    storage_type   TEXT        NOT NULL,
    network_mbps   INTEGER     NOT NULL,
    gpu_model      TEXT,
    country        TEXT        NOT NULL,
    region         TEXT,
    wallet_address TEXT        NOT NULL,
    public_key     TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    version        BIGINT      NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
-- Lists filter by status and page by most recent change.
CREATE INDEX node_view_status_idx ON node_view (status, node_id);
CREATE INDEX node_view_updated_idx ON node_view (updated_at DESC, node_id);
