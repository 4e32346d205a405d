-- The projection engine's tables, shared by every read model and keyed by projection (read model) name.

-- The next offset to read per projection and partition, written in the same transaction as the rows it produced.
CREATE TABLE consumer_offset (
    projection  TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    partition   INTEGER     NOT NULL,
    next_offset BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, topic, partition)
);

-- Events (ce_id) each projection has applied: delivery is at-least-once. Pruned by age (see ProcessedEvents).
-- aggregate_id and sequence answer read-your-writes: has this projection applied that aggregate's event N?
CREATE TABLE processed_event (
    projection   TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    aggregate_id TEXT        NOT NULL,
    sequence     BIGINT      NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, event_id)
);
CREATE INDEX processed_event_position_idx ON processed_event (projection, aggregate_id, sequence);
CREATE INDEX processed_event_age_idx ON processed_event (projection, processed_at);

-- Every row of every view: its body is the JSON object the REST API serves, byte for byte (type json, not jsonb:
-- the text is kept as the projection wrote it, compact and in the record's field order; read models index the
-- fields they filter on with expressions). A deleted row keeps its id and version (body NULL), so a row that comes
-- back never goes back in version.
CREATE TABLE view_row (
    view       TEXT        NOT NULL,
    id         TEXT        NOT NULL,
    parent     TEXT,
    version    BIGINT      NOT NULL,
    deleted    BOOLEAN     NOT NULL DEFAULT false,
    body       JSON,
    projection TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (view, id)
);
CREATE INDEX view_row_parent_idx ON view_row (view, parent, id) WHERE parent IS NOT NULL;

-- View changes committed but not yet acknowledged by the broker on lucid.view.changes.
CREATE TABLE view_outbox (
    id         BIGSERIAL   PRIMARY KEY,
    projection TEXT        NOT NULL,
    view       TEXT        NOT NULL,
    entity_id  TEXT        NOT NULL,
    parent     TEXT,
    version    BIGINT      NOT NULL,
    body       TEXT,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX view_outbox_projection_idx ON view_outbox (projection, id);
