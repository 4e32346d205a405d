-- RDP server ports (DOMAIN.md section 3): one row per port of 33890-33999. A server not DELETED holds exactly one
-- row (server_id, owner), taken in the transaction of RdpServerCreated and given back in that of RdpServerDeleted;
-- released_at keeps the port resting for the cooldown (60 s) before it is handed out again. The primary key and the
-- unique server_id make a double assignment impossible; the limits (100 servers, 5 per owner) and "lowest free
-- first" are checked while holding the lock on the single guard row, so concurrent creates queue (ADR 0004).
CREATE TABLE rdp_allocation_guard (
    id SMALLINT PRIMARY KEY CHECK (id = 1)
);
INSERT INTO rdp_allocation_guard (id) VALUES (1);

CREATE TABLE rdp_port (
    port        INT          PRIMARY KEY CHECK (port BETWEEN 33890 AND 33999),
    server_id   VARCHAR(36)  UNIQUE,
    owner       TEXT,
    assigned_at TIMESTAMPTZ,
    released_at TIMESTAMPTZ,
    CHECK ((server_id IS NULL) = (owner IS NULL))
);
INSERT INTO rdp_port (port) SELECT generate_series(33890, 33999);
CREATE INDEX rdp_port_owner ON rdp_port (owner);
