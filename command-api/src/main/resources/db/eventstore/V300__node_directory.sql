-- The command side's lookup of each node's lifecycle state, Ed25519 key and wallet. Heartbeats, task proofs and
-- payouts read it instead of loading the Node aggregate. NodeDirectoryProjector writes it in the transaction of the
-- command that changed the node (a subscribing event processor), so it is never behind the event store.
CREATE TABLE node_directory (
    node_id        VARCHAR(64)  PRIMARY KEY REFERENCES node_claim (node_id),
    status         VARCHAR(16)  NOT NULL,
    public_key     VARCHAR(64)  NOT NULL,
    wallet_address VARCHAR(64)  NOT NULL
);
