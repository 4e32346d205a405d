-- The audit hash chain (docs/audit.md, ADR 0050). Every event row carries the hash of its aggregate's previous event
-- (32 zero bytes for the first) and its own: hash = SHA-256(prev_hash || canonical bytes). command-api computes both
-- in the append transaction (io.lucid.command.axon.ChainedAppendStatement); the unique (aggregate_identifier,
-- sequence_number) key lets only one of two concurrent writers of an aggregate append at a sequence, so a chain
-- cannot fork. Nullable only for the moment of this migration: the backfill below chains every older row.
ALTER TABLE domain_event_entry ADD COLUMN prev_hash BYTEA, ADD COLUMN hash BYTEA;

-- One length-prefixed field of the canonical bytes: 4-byte big-endian length and the bytes, 0xFFFFFFFF for absent.
CREATE FUNCTION lucid_chain_field(value BYTEA) RETURNS BYTEA IMMUTABLE LANGUAGE sql AS $$
    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::BYTEA ELSE int4send(octet_length(value)) || value END
$$;

-- The canonical bytes of a stored row, the SQL twin of io.lucid.schemas.audit.EventChain.canonical (a test in
-- infra/devstack, ChainBackfillIT, checks they agree).
CREATE FUNCTION lucid_chain_canonical(e domain_event_entry) RETURNS BYTEA STABLE LANGUAGE sql AS $$
    SELECT lucid_chain_field(convert_to('lucid-event-chain-v1', 'UTF8'))
        || lucid_chain_field(convert_to(e.type, 'UTF8'))
        || lucid_chain_field(convert_to(e.aggregate_identifier, 'UTF8'))
        || lucid_chain_field(convert_to(e.sequence_number::TEXT, 'UTF8'))
        || lucid_chain_field(convert_to(e.event_identifier, 'UTF8'))
        || lucid_chain_field(convert_to(e.payload_type, 'UTF8'))
        || lucid_chain_field(convert_to((extract(EPOCH FROM e.time_stamp::TIMESTAMPTZ) * 1000)::BIGINT::TEXT, 'UTF8'))
        || lucid_chain_field(convert_to(convert_from(e.meta_data, 'UTF8')::JSONB ->> 'actor', 'UTF8'))
        || lucid_chain_field(convert_to(convert_from(e.meta_data, 'UTF8')::JSONB ->> 'correlation_id', 'UTF8'))
        || lucid_chain_field(convert_to(convert_from(e.meta_data, 'UTF8')::JSONB ->> 'causation_id', 'UTF8'))
        || lucid_chain_field(e.payload)
$$;

-- Chains every row that has no hash yet (the rows stored before this migration), aggregate by aggregate in
-- sequence order, continuing from the stored hash of the row before when there is one. Returns the rows chained.
-- The relay ignores these updates: it publishes inserts only.
CREATE FUNCTION lucid_chain_backfill() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    e domain_event_entry;
    aggregate VARCHAR(255);
    previous BYTEA;
    chained BIGINT := 0;
BEGIN
    FOR e IN SELECT * FROM domain_event_entry WHERE hash IS NULL ORDER BY aggregate_identifier, sequence_number LOOP
        IF aggregate IS DISTINCT FROM e.aggregate_identifier THEN
            aggregate := e.aggregate_identifier;
            SELECT hash INTO previous FROM domain_event_entry
                WHERE aggregate_identifier = e.aggregate_identifier AND sequence_number = e.sequence_number - 1;
            previous := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::BYTEA);
        END IF;
        UPDATE domain_event_entry SET prev_hash = previous, hash = sha256(previous || lucid_chain_canonical(e))
            WHERE global_index = e.global_index
            RETURNING hash INTO previous;
        chained := chained + 1;
    END LOOP;
    RETURN chained;
END
$$;

SELECT lucid_chain_backfill();
