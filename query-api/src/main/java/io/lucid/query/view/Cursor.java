package io.lucid.query.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page ended: the sort key and id of its last row (and its rank, for ranked lists), bound to the list it
 * came from. Opaque to clients (base64url JSON). Keyset, not offset: rows inserted meanwhile never shift a page, so
 * paging through a list returns each row once.
 */
record Cursor(String list, String sortKey, String id, long rank) {

    static final int MAX_LENGTH = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("l", list);
        node.put("k", sortKey);
        node.put("i", id);
        node.put("r", rank);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a token, when it is well-formed and was issued for {@code list}. */
    static Optional<Cursor> decode(String token, String list) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (node == null || !node.path("l").isTextual() || !node.path("k").isTextual()
                    || !node.path("i").isTextual() || !node.path("r").canConvertToLong()
                    || !list.equals(node.path("l").textValue())) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(list, node.path("k").textValue(), node.path("i").textValue(),
                    node.path("r").longValue()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
