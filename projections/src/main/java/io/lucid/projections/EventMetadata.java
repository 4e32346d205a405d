package io.lucid.projections;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.trace.TraceContext;
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
 * @param trace         {@code ce_traceparent} and {@code ce_tracestate}; null when absent or malformed (a trace is
 *                      carried, never required)
 */
public record EventMetadata(
        String eventId, String eventType, String aggregateId, long sequence, Instant time, String actor,
        String correlationId, String topic, int partition, long offset, TraceContext trace) {

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
                record.topic(), record.partition(), record.offset(), TraceContext.from(headers));
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
        Instant simple = parseUtc(time);
        if (simple != null) {
            return simple;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new BadMetadataException(position, "bad " + CloudEventHeaders.TIME + " '" + time + "'");
        }
    }

    /**
     * The form every producer here writes, {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} (what {@link Instant#toString}
     * gives), read without a formatter: {@link Instant#parse} costs more than the rest of the headers together.
     * Null for any other form (offsets, leap seconds, out-of-range fields), which {@link Instant#parse} then judges.
     * Also what the audit API reads stored and published event times with.
     */
    public static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z'
                || (n > 20 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || fraction < 0) {
            return null;
        }
        for (int i = n - 1; i < 29; i++) {
            fraction *= 10; // nanoseconds from a fraction of 1-9 digits
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
