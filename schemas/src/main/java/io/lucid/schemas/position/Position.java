package io.lucid.schemas.position;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a command's effects sit in the event history, for read-your-writes: for each aggregate the command appended
 * to, the domain topic that carries it, its id and the sequence number of the last event appended; and when. A
 * query given a position waits until every view it reads has applied those events (per aggregate, order holds, so
 * having applied sequence N means having applied everything before it).
 *
 * <p>On the wire it is opaque: base64url (no padding) of a small JSON document, at most {@link #MAX_TOKEN_LENGTH}
 * characters. command-api writes it (header {@value #HEADER} and body field {@code position}); query-api reads it
 * (the same header, or the {@code position} query parameter).
 *
 * @param issuedAt when the command committed; positions older than the projections' deduplication retention are
 *                 taken as applied
 * @param entries  one per aggregate the command wrote
 */
public record Position(Instant issuedAt, List<Entry> entries) {

    public static final String HEADER = "X-Lucid-Position";
    public static final int MAX_TOKEN_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One aggregate's last appended event. */
    public record Entry(String topic, String aggregateId, long sequence) {
    }

    public Position {
        entries = List.copyOf(entries);
    }

    public String encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("t", issuedAt.toEpochMilli());
        ArrayNode list = root.putArray("e");
        for (Entry entry : entries) {
            list.addArray().add(entry.topic()).add(entry.aggregateId()).add(entry.sequence());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token stands for; empty when it is not one this version wrote. */
    public static Optional<Position> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (root == null || !root.path("v").isInt() || root.path("v").intValue() != 1
                    || !root.path("t").canConvertToLong() || !root.path("e").isArray()) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonNode item : root.path("e")) {
                if (!item.isArray() || item.size() != 3 || !item.get(0).isTextual() || !item.get(1).isTextual()
                        || !item.get(2).canConvertToLong() || item.get(2).longValue() < 0) {
                    return Optional.empty();
                }
                entries.add(new Entry(item.get(0).textValue(), item.get(1).textValue(), item.get(2).longValue()));
            }
            return Optional.of(new Position(Instant.ofEpochMilli(root.path("t").longValue()), entries));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
