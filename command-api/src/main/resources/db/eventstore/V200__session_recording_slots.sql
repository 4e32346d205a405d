-- Recording slots of sessions (DOMAIN.md section 2): one row per session RECORDING or PAUSED, written in the same
-- transaction as the event that takes (RecordingStarted) or gives back (RecordingStopped, SessionFailed) the slot.
-- The limits (100 system-wide, 10 per node; configurable) are checked by counting these rows while holding the
-- lock on the single guard row, so concurrent starts queue instead of overrunning a limit (ADR 0004).
CREATE TABLE recording_slot_guard (
    id SMALLINT PRIMARY KEY CHECK (id = 1)
);
INSERT INTO recording_slot_guard (id) VALUES (1);

CREATE TABLE active_recording (
    session_id VARCHAR(36)  PRIMARY KEY,
    node_id    VARCHAR(64),
    started_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX active_recording_node ON active_recording (node_id);
-- The max-duration sweep looks for the oldest recordings.
CREATE INDEX active_recording_started ON active_recording (started_at);
