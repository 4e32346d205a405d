-- Who asked the audit API what (ADR 0051): one row per call, written by query-api (io.lucid.query.audit.AuditAccessLog)
-- before it answers. Here, next to the event store, and not in the read schema: the read schema is derived data that
-- a rebuild drops, and this record is not derived from anything. Rows are only ever inserted.
CREATE TABLE audit_access (
    id         BIGSERIAL    PRIMARY KEY,
    at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    subject    VARCHAR(255) NOT NULL,
    roles      VARCHAR(255) NOT NULL,
    action     VARCHAR(32)  NOT NULL,
    parameters JSONB        NOT NULL
);
CREATE INDEX audit_access_at ON audit_access (at);
CREATE INDEX audit_access_subject ON audit_access (subject, at);
