package io.lucid.schemas.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain of one aggregate's events (docs/audit.md, "Canonical bytes"): {@code hash = SHA-256(prev_hash
 * || canonical bytes)}, {@code prev_hash} of an aggregate's first event being 32 zero bytes. command-api computes it in
 * the append transaction, the relay publishes it, the auditors' {@code verify} recomputes it from the store and from
 * the topics: this class is the one definition all three use. The canonical bytes are length-prefixed fields, so no
 * two different events can share them, and they need nothing but SHA-256 to recompute in another language.
 */
public final class EventChain {

    /** Size of a hash in bytes. */
    public static final int HASH_BYTES = 32;
    /** The first field of the canonical bytes: names this layout, so a future one cannot collide with it. */
    public static final String FORMAT = "lucid-event-chain-v1";

    private static final int NULL_LENGTH = 0xFFFFFFFF;
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] FORMAT_BYTES = FORMAT.getBytes(StandardCharsets.UTF_8);
    /** One digest per thread, reset before each use: verify hashes every event, and a provider lookup per event adds up. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventChain::sha256);

    private EventChain() {
    }

    /**
     * What the chain covers of one stored event.
     *
     * @param timestampMillis the event's time in milliseconds since the epoch (the store keeps milliseconds)
     * @param payload         the payload exactly as stored: Avro single-object encoding, whose 8-byte schema
     *                        fingerprint covers the writer schema
     */
    public record Fields(String aggregateType, String aggregateId, long sequence, String eventId, String eventType,
            long timestampMillis, String actor, String correlationId, String causationId, byte[] payload) {
    }

    /** {@code prev_hash} of an aggregate's first event. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** The hash of an event that follows {@code prevHash}. */
    public static byte[] hash(byte[] prevHash, Fields event) {
        if (prevHash == null || prevHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a previous hash has " + HASH_BYTES + " bytes");
        }
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        sha256.update(prevHash);
        sha256.update(canonical(event));
        return sha256.digest();
    }

    /**
     * The canonical bytes: each field as a 4-byte big-endian length and its bytes (text in UTF-8, the sequence and the
     * timestamp in decimal ASCII); an absent field is the length 0xFFFFFFFF and no bytes, so absent and empty differ.
     */
    public static byte[] canonical(Fields event) {
        // Each field encoded once, then copied into one array of the exact size: verify recomputes this for every
        // event, and a ByteArrayOutputStream written byte by byte (synchronized calls, a final copy) was a visible cost.
        byte[][] fields = {FORMAT_BYTES, utf8(event.aggregateType()), utf8(event.aggregateId()),
                ascii(event.sequence()), utf8(event.eventId()), utf8(event.eventType()), ascii(event.timestampMillis()),
                utf8(event.actor()), utf8(event.correlationId()), utf8(event.causationId()), event.payload()};
        int size = 0;
        for (byte[] field : fields) {
            size += 4 + (field == null ? 0 : field.length);
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] field : fields) {
            at = field(out, at, field);
        }
        return out;
    }

    /** Lower-case hex, as the {@code ce_hash} and {@code ce_prevhash} headers carry it. */
    public static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    /** The bytes of a lower-case or upper-case hex string; null for null. */
    public static byte[] fromHex(String hex) {
        return hex == null ? null : HEX.parseHex(hex);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the 4-byte big-endian length (0xFFFFFFFF for absent) and the bytes at {@code at}; returns the end. */
    private static int field(byte[] out, int at, byte[] value) {
        int length = value == null ? NULL_LENGTH : value.length;
        out[at] = (byte) (length >>> 24);
        out[at + 1] = (byte) (length >>> 16);
        out[at + 2] = (byte) (length >>> 8);
        out[at + 3] = (byte) length;
        if (value == null) {
            return at + 4;
        }
        System.arraycopy(value, 0, out, at + 4, value.length);
        return at + 4 + value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
