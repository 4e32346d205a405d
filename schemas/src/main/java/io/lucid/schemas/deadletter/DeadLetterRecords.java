package io.lucid.schemas.deadletter;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How any consumer (stream processors, projections) hands a record it gave up on to {@link Topics#DEAD_LETTERS}:
 * the original bytes in a {@link DeadLetter} value, and why, in headers readable without decoding the value.
 * One format for every consumer, so one tool reads them all.
 */
public final class DeadLetterRecords {

    /** The kind of failure: a contract-violation code or the exception's class name. */
    public static final String ERROR_TYPE = "lucid_error_type";
    /** The failure's message. */
    public static final String REASON = "lucid_error_reason";
    /** The application and processor that gave up on the record. */
    public static final String CONSUMER = "lucid_error_consumer";
    /** {@code <topic>/<partition>@<offset>} of the original record. */
    public static final String SOURCE = "lucid_error_source";

    private DeadLetterRecords() {
    }

    /** Where a record came from: its coordinates, raw bytes and headers. */
    public record Source(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
            Headers headers) {

        public String position() {
            return topic + "/" + partition + "@" + offset;
        }
    }

    /**
     * The dead-letter record for {@code source}, keyed {@code <topic>:<partition>:<offset>} so that a repeated
     * give-up on the same record compacts to one letter per record if the topic is ever compacted.
     */
    public static ProducerRecord<byte[], byte[]> of(Source source, String consumer, String errorType, String reason,
            Serializer<DeadLetter> serializer) {
        String message = reason == null ? errorType : reason;
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setHeaders(headerMap(source.headers()))
                .setConsumer(consumer)
                .setErrorType(errorType)
                .setErrorMessage(message)
                .setSourceTimestamp(source.timestamp() < 0 ? null : Instant.ofEpochMilli(source.timestamp()))
                .setFailedAt(Instant.now())
                .build();
        String topic = Topics.DEAD_LETTERS.name();
        Headers out = new RecordHeaders();
        out.add(ERROR_TYPE, utf8(errorType));
        out.add(REASON, utf8(message));
        out.add(CONSUMER, utf8(consumer));
        out.add(SOURCE, utf8(source.position()));
        String letterKey = source.topic() + ":" + source.partition() + ":" + source.offset();
        return new ProducerRecord<>(topic, null, utf8(letterKey), serializer.serialize(topic, letter), out);
    }

    /** The last value of each header name, as the schema's map holds one value per name. */
    private static Map<String, ByteBuffer> headerMap(Headers headers) {
        Map<String, ByteBuffer> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                map.put(header.key(), ByteBuffer.wrap(header.value() == null ? new byte[0] : header.value()));
            }
        }
        return map;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
