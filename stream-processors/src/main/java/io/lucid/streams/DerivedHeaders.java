package io.lucid.streams;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.trace.TraceContext;
import io.lucid.schemas.trace.Tracing;
import io.lucid.streams.deadletter.ContractViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents headers for the records the stream processors derive, in the same binding the relay uses for domain
 * events, so one consumer (projections, query-api) reads both. Every value is a function of the inputs: the id is
 * {@code <topic>:<key>:<sequence>} and the sequence counts the records derived per key, so a replay writes the same
 * headers. {@code ce_causationid} names the input event that caused the record, when it had an id, and
 * {@code ce_traceparent} continues that input's trace: a span of its own whose id is a function of the record's id,
 * so a replay writes it again. Records no traced input caused (an epoch closed by time) carry no trace.
 */
public final class DerivedHeaders {

    private static final String SOURCE_PREFIX = "lucid/stream-processors/";
    private static final Tracing TRACING = Tracing.forService("stream-processors");

    private DerivedHeaders() {
    }

    /**
     * @param topic     the topic the record goes to (from the catalogue)
     * @param component {@code poot}, {@code pools} or {@code liveness}
     * @param key       the record key (CloudEvents subject)
     * @param sequence  the record's position among those derived for this key, from 0
     * @param time      event time of the record
     * @param cause     headers of the input record that caused it, or null
     */
    public static Headers of(String topic, String component, SpecificRecord value, String key, long sequence,
            long time, Headers cause) {
        Headers headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        String id = topic + ":" + key + ":" + sequence;
        add(headers, CloudEventHeaders.ID, id);
        add(headers, CloudEventHeaders.TYPE, value.getSchema().getFullName());
        add(headers, CloudEventHeaders.SOURCE, SOURCE_PREFIX + component);
        add(headers, CloudEventHeaders.SUBJECT, key);
        add(headers, CloudEventHeaders.TIME, Instant.ofEpochMilli(time).toString());
        add(headers, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.AVRO_CONTENT_TYPE);
        String causation = cause == null ? null : last(cause, CloudEventHeaders.ID);
        if (causation != null) {
            add(headers, CloudEventHeaders.CAUSATION_ID, causation);
        }
        String correlation = cause == null ? null : last(cause, CloudEventHeaders.CORRELATION_ID);
        if (correlation != null) {
            add(headers, CloudEventHeaders.CORRELATION_ID, correlation);
        }
        TraceContext trace = cause == null ? null : TraceContext.from(cause);
        if (trace != null) {
            Tracing.Span span = TRACING.start(component + " " + topic, Tracing.Kind.CONSUMER, trace, trace.child(id));
            span.context().writeTo(headers);
            span.end();
        }
        return headers;
    }

    /** The last value of a header as UTF-8, or null. */
    public static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * {@code ce_sequence} of a domain event (its position in its aggregate), or -1 when the record has none.
     *
     * @throws ContractViolation when the header is there but is not a non-negative number
     */
    public static long sequence(Headers headers) {
        String value = last(headers, CloudEventHeaders.SEQUENCE);
        if (value == null) {
            return -1;
        }
        try {
            long sequence = Long.parseLong(value.trim());
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ContractViolation("bad-header", "malformed " + CloudEventHeaders.SEQUENCE + " header '" + value + "'");
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
