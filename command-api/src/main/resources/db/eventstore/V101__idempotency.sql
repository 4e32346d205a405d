-- Idempotency-Key records of POST commands, per principal (docs/adr/0004-idempotency-keys.md). A row is claimed
-- (IN_FLIGHT) before the command runs and completed with the final response; 5xx answers delete it.
CREATE TABLE idempotency_record (
    scope           VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    status          INT,
    content_type    VARCHAR(255),
    headers         TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
