package io.lucid.schemas.audit;

import java.io.ByteArrayOutputStream;
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
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        sha256.update(canonical(event));
        return sha256.digest();
    }

    /**
     * The canonical bytes: each field as a 4-byte big-endian length and its bytes (text in UTF-8, the sequence and the
     * timestamp in decimal ASCII); an absent field is the length 0xFFFFFFFF and no bytes, so absent and empty differ.
     */
    public static byte[] canonical(Fields event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.payload().length + 256);
        text(out, FORMAT);
        text(out, event.aggregateType());
        text(out, event.aggregateId());
        text(out, Long.toString(event.sequence()));
        text(out, event.eventId());
        text(out, event.eventType());
        text(out, Long.toString(event.timestampMillis()));
        text(out, event.actor());
        text(out, event.correlationId());
        text(out, event.causationId());
        field(out, event.payload());
        return out.toByteArray();
    }

    /** Lower-case hex, as the {@code ce_hash} and {@code ce_prevhash} headers carry it. */
    public static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    /** The bytes of a lower-case or upper-case hex string; null for null. */
    public static byte[] fromHex(String hex) {
        return hex == null ? null : HEX.parseHex(hex);
    }

    private static void text(ByteArrayOutputStream out, String value) {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        int length = value == null ? NULL_LENGTH : value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (value != null) {
            out.write(value, 0, value.length);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
