package io.lucid.projections;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What the relay tells about an event besides its payload: the CloudEvents headers of the Kafka record, and
 * where the record sits in the topic (for error reports). Handlers take their version and time from here.
 *
 * @param eventId       {@code ce_id}: the deduplication key
 * @param eventType     {@code ce_type}: the Avro full name
 * @param aggregateId   {@code ce_subject}, or the record key when the header is absent
 * @param sequence      {@code ce_sequence}: the event's position in its aggregate (or, for derived records, among
 *                      the records derived for its key), from 0; -1 for telemetry, which has no sequence
 * @param time          {@code ce_time}, or the record timestamp when the header is absent
 * @param actor         {@code ce_actor}, may be null
 * @param correlationId {@code ce_correlationid}, may be null
 */
public record EventMetadata(
        String eventId, String eventType, String aggregateId, long sequence, Instant time, String actor,
        String correlationId, String topic, int partition, long offset) {

    /** Whether the record has a place in a sequence (domain and derived events do; telemetry does not). */
    public boolean hasSequence() {
        return sequence >= 0;
    }

    /** Where the record sits, for log lines and error messages. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }

    /**
     * Reads the headers of a record.
     *
     * @throws BadMetadataException when a required header is missing or malformed
     */
    public static EventMetadata from(ConsumerRecord<String, ?> record) {
        Headers headers = record.headers();
        String position = record.topic() + "/" + record.partition() + "@" + record.offset();
        String id = required(headers, CloudEventHeaders.ID, position);
        String type = required(headers, CloudEventHeaders.TYPE, position);
        String subject = header(headers, CloudEventHeaders.SUBJECT);
        String aggregateId = subject != null ? subject : record.key();
        if (aggregateId == null) {
            throw new BadMetadataException(position, "neither " + CloudEventHeaders.SUBJECT + " nor a key");
        }
        String sequenceHeader = header(headers, CloudEventHeaders.SEQUENCE);
        long sequence = sequenceHeader == null ? -1 : parseSequence(sequenceHeader, position);
        return new EventMetadata(id, type, aggregateId, sequence, parseTime(headers, record.timestamp(), position),
                header(headers, CloudEventHeaders.ACTOR), header(headers, CloudEventHeaders.CORRELATION_ID),
                record.topic(), record.partition(), record.offset());
    }

    private static long parseSequence(String value, String position) {
        try {
            long sequence = Long.parseLong(value.trim());
            if (sequence < 0) {
                throw new NumberFormatException("negative");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new BadMetadataException(position, "bad " + CloudEventHeaders.SEQUENCE + " '" + value + "'");
        }
    }

    private static Instant parseTime(Headers headers, long recordTimestamp, String position) {
        String time = header(headers, CloudEventHeaders.TIME);
        if (time == null) {
            return Instant.ofEpochMilli(recordTimestamp);
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new BadMetadataException(position, "bad " + CloudEventHeaders.TIME + " '" + time + "'");
        }
    }

    private static String required(Headers headers, String name, String position) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new BadMetadataException(position, "missing header " + name);
        }
        return value;
    }

    /** The last value of a header (Kafka allows repeats; the relay writes each once). */
    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
