package io.lucid.relay;

import org.apache.kafka.connect.data.Struct;

/**
 * One committed row of Axon's {@code domain_event_entry} as Debezium delivers it.
 *
 * @param payload Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, binary body)
 * @param metaData Axon's metadata, serialized as a JSON object
 */
record EventRow(
        long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
        String payloadType, String timestamp, byte[] payload, byte[] metaData) {

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
                bytes(after.get("meta_data")));
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
