package io.lucid.schemas.serde;

import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * One line that names everything about a record that failed to deserialize. Kafka's consumer wraps a deserializer's
 * error in a {@link RecordDeserializationException} whose own message names the partition and offset only (a
 * deserializer never learns the offset), while our cause names the schema id and topic; a consumer that logs this
 * line instead of {@code e.getMessage()} shows all four. Consumers must stop or dead-letter the record, never skip it
 * silently.
 */
public final class DeserializationFailure {

    private DeserializationFailure() {
    }

    /** E.g. {@code Cannot deserialize the value at lucid.node.events-3 offset 17: Unknown schema id 999 in a record of topic ...}. */
    public static String describe(RecordDeserializationException e) {
        StringBuilder line = new StringBuilder("Cannot deserialize the ")
                .append(e.origin() == RecordDeserializationException.DeserializationExceptionOrigin.KEY ? "key" : "value")
                .append(" at ").append(e.topicPartition()).append(" offset ").append(e.offset());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // Our messages already quote their cause's; repeating it would only lengthen the line.
            if (cause.getMessage() != null && !line.toString().contains(cause.getMessage())) {
                line.append(": ").append(cause.getMessage());
            }
        }
        return line.toString();
    }
}
