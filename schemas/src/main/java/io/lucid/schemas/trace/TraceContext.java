package io.lucid.schemas.trace;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/): the trace a piece of work belongs to and the span that
 * did it, as {@code traceparent} ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) and the vendors'
 * {@code tracestate}. Every hop keeps one: command-api takes it from the request or starts a trace, the event's
 * metadata stores it, the relay, the stream processors and the projections carry it as the CloudEvents
 * distributed-tracing extension on their Kafka records, and query-api shows it on WebSocket frames
 * (docs/tracing.md). Ids are generated here, whether or not spans are exported ({@link Tracing}).
 *
 * @param traceId    32 lower-case hex digits, not all zero
 * @param spanId     16 lower-case hex digits, not all zero
 * @param sampled    the {@code sampled} flag: whether the caller records this trace
 * @param traceState the {@code tracestate} passed along unchanged, or null
 */
public record TraceContext(String traceId, String spanId, boolean sampled, String traceState) {

    /** HTTP header (request and response) and event metadata key. */
    public static final String TRACEPARENT = "traceparent";
    /** HTTP header and event metadata key. */
    public static final String TRACESTATE = "tracestate";
    /** Kafka header of the CloudEvents distributed-tracing extension, binary mode of the Kafka binding. */
    public static final String CE_TRACEPARENT = "ce_traceparent";
    /** Kafka header of the CloudEvents distributed-tracing extension. */
    public static final String CE_TRACESTATE = "ce_tracestate";

    /** The spec allows 32 list members of up to 256 characters each; 512 is what it asks every vendor to keep. */
    private static final int MAX_TRACESTATE = 512;
    private static final int VERSION_00_LENGTH = 55;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public TraceContext {
        if (!isId(traceId, 32) || !isId(spanId, 16)) {
            throw new IllegalArgumentException("not a trace context: " + traceId + "/" + spanId);
        }
    }

    /**
     * Reads a {@code traceparent} and its {@code tracestate}; null when the traceparent is absent or malformed (the
     * caller then starts a trace: a malformed header is never an error). A version above 00 is read as 00, as the
     * spec asks; a tracestate that is too long or not printable ASCII is dropped, the traceparent kept.
     */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        String value = traceparent.trim();
        if (value.length() < VERSION_00_LENGTH || value.charAt(2) != '-' || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return null;
        }
        String version = value.substring(0, 2);
        if (!isHex(version) || version.equals("ff")
                || version.equals("00") && value.length() != VERSION_00_LENGTH
                || !version.equals("00") && value.length() > VERSION_00_LENGTH && value.charAt(55) != '-') {
            return null;
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!isId(traceId, 32) || !isId(spanId, 16) || !isHex(flags)) {
            return null;
        }
        boolean sampled = (Integer.parseInt(flags, 16) & 1) == 1;
        return new TraceContext(traceId, spanId, sampled, cleanState(tracestate));
    }

    /** A new trace, sampled: the caller asked for nothing, so this service decides to record it. */
    public static TraceContext newTrace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceContext(hex(nonZero(random), nonZero(random)), hex(nonZero(random)), true, null);
    }

    /** A child span of this one, same trace, a random span id. */
    public TraceContext child() {
        return new TraceContext(traceId, hex(nonZero(ThreadLocalRandom.current())), sampled, traceState);
    }

    /**
     * A child span whose id is a function of {@code key} and this context, so the same work done again (a replay, a
     * re-sent batch) writes the same headers. {@code key} names the work, e.g. the record it produced.
     */
    public TraceContext child(String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the parent span and the key, then a 64-bit finaliser
        for (int i = 0; i < spanId.length(); i++) {
            h = (h ^ spanId.charAt(i)) * 0x100000001b3L;
        }
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return new TraceContext(traceId, hex(h == 0 ? 1 : h), sampled, traceState);
    }

    /** The {@code traceparent} header value. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** Reads {@link #CE_TRACEPARENT} and {@link #CE_TRACESTATE} of a Kafka record; null when absent or malformed. */
    public static TraceContext from(Headers headers) {
        return parse(last(headers, CE_TRACEPARENT), last(headers, CE_TRACESTATE));
    }

    /** Writes this context as the CloudEvents distributed-tracing extension. */
    public void writeTo(Headers headers) {
        headers.add(CE_TRACEPARENT, traceparent().getBytes(StandardCharsets.UTF_8));
        if (traceState != null) {
            headers.add(CE_TRACESTATE, traceState.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String cleanState(String tracestate) {
        if (tracestate == null) {
            return null;
        }
        for (int i = 0; i < tracestate.length(); i++) {
            char c = tracestate.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return null;
            }
        }
        String value = tracestate.strip();
        return value.isEmpty() || value.length() > MAX_TRACESTATE ? null : value;
    }

    private static boolean isId(String id, int length) {
        if (id == null || id.length() != length || !isHex(id)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.charAt(i) != '0') {
                return true;
            }
        }
        return false; // all zeros is invalid
    }

    /** Lower-case hex only: the spec forbids upper case, and ids are compared as strings. */
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static long nonZero(ThreadLocalRandom random) {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }

    private static String hex(long... words) {
        char[] out = new char[words.length * 16];
        int at = 0;
        for (long word : words) {
            for (int shift = 60; shift >= 0; shift -= 4) {
                out[at++] = HEX[(int) (word >>> shift) & 0xf];
            }
        }
        return new String(out);
    }
}
