package io.lucid.command.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The manifest of a processed session and its hash, which is what gets anchored on a chain. The manifest is
 * canonical JSON so anyone can recompute the hash: keys sorted, no whitespace, UTF-8, exactly
 * {@code {"chunk_count":N,"created_at":"T","merkle_root":"H","session_id":"S","total_size":N}} where the numbers
 * are plain base-10 integers (no sign, exponent, fraction or leading zeros), {@code T} is the session's creation
 * time in UTC as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (always three fraction digits, a literal {@code Z}),
 * {@code H} the lower-case hex Merkle root and {@code S} the session's UUID. docs/sessions.md has a worked example.
 */
final class SessionManifest {

    static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SessionManifest() {
    }

    static String canonicalJson(long chunkCount, Instant createdAt, String merkleRoot, String sessionId, long totalSize) {
        return "{\"chunk_count\":" + chunkCount
                + ",\"created_at\":\"" + CREATED_AT.format(createdAt) + '"'
                + ",\"merkle_root\":\"" + plain(merkleRoot) + '"'
                + ",\"session_id\":\"" + plain(sessionId) + '"'
                + ",\"total_size\":" + totalSize + '}';
    }

    static String hash(long chunkCount, Instant createdAt, String merkleRoot, String sessionId, long totalSize) {
        byte[] json = canonicalJson(chunkCount, createdAt, merkleRoot, sessionId, totalSize).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Sha256.digest(json));
    }

    /** Ids and hex digests need no JSON escaping; anything that would is a bug, not data to escape. */
    private static String plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not a plain ASCII id: " + value);
            }
        }
        return value;
    }
}
