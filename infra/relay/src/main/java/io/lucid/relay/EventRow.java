package io.lucid.relay;

import org.apache.kafka.connect.data.Struct;

/**
 * One committed row of Axon's {@code domain_event_entry} as Debezium delivers it.
 *
 * @param payload Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, binary body)
 * @param metaData Axon's metadata, serialized as a JSON object
 * @param prevHash the hash of the aggregate's previous event (audit chain, 32 bytes; null only on a store
 *                 that predates the chain)
 * @param hash     this event's link of the audit chain
 */
record EventRow(
        long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
        String payloadType, String timestamp, byte[] payload, byte[] metaData, byte[] prevHash, byte[] hash) {

    static EventRow from(Struct after) {
        return new EventRow(
                after.getInt64("global_index"),
                after.getString("event_identifier"),
                after.getString("type"),
                after.getString("aggregate_identifier"),
                after.getInt64("sequence_number"),
                after.getString("payload_type"),
                after.getString("time_stamp"),
                bytes(after.get("payload")),
                bytes(after.get("meta_data")),
                after.schema().field("prev_hash") == null ? null : bytes(after.get("prev_hash")),
                after.schema().field("hash") == null ? null : bytes(after.get("hash")));
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        return (byte[]) value;
    }
}
