-- The relay (Debezium, pgoutput) reads committed inserts of the event table through this publication.
-- relay_heartbeat is written by the relay's heartbeat query so the replication slot keeps advancing
-- (and WAL is released) even when no events are written.
CREATE TABLE relay_heartbeat (
    id         INT PRIMARY KEY,
    beat_at    TIMESTAMPTZ NOT NULL
);

CREATE PUBLICATION lucid_events FOR TABLE domain_event_entry, relay_heartbeat WITH (publish = 'insert, update');
