-- Bookkeeping shared by every projection: positions, deduplication and the change outbox.

-- The next offset to read per partition, written in the same transaction as the rows it produced.
CREATE TABLE consumer_offset (
    consumer_group TEXT        NOT NULL,
    topic          TEXT        NOT NULL,
    partition      INTEGER     NOT NULL,
    next_offset    BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- Ids (ce_id) of the events already applied: delivery is at-least-once.
CREATE TABLE processed_event (
    event_id     TEXT        PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- View changes committed but not yet acknowledged by the broker on lucid.view.changes.
CREATE TABLE view_outbox (
    id             BIGSERIAL   PRIMARY KEY,
    consumer_group TEXT        NOT NULL,
    view           TEXT        NOT NULL,
    entity_id      TEXT        NOT NULL,
    version        BIGINT      NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX view_outbox_group_idx ON view_outbox (consumer_group, id);
