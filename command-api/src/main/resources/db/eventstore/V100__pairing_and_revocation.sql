-- Token subjects (revoked devices) whose tokens both APIs refuse. Written in the same transaction as the
-- DeviceRevoked event; command-api and query-api poll it into memory (incrementally, by revoked_at).
CREATE TABLE revoked_subject (
    subject    VARCHAR(255) PRIMARY KEY,
    revoked_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX revoked_subject_revoked_at ON revoked_subject (revoked_at);

-- Open pairings and when they expire: the expiry sweep's work list. A row is written with PairingStarted and
-- removed in the transaction that completes, locks or expires the pairing.
CREATE TABLE pairing_deadline (
    pairing_id VARCHAR(36) PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pairing_deadline_expires_at ON pairing_deadline (expires_at);
