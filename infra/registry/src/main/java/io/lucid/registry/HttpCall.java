package io.lucid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the endpoints see it: method, decoded path segments, path parameters, query and JSON
 * body. Segments are split before decoding, so a subject may contain an encoded {@code /}.
 */
final class HttpCall {

    /** Larger bodies are refused: no Avro schema comes close, and memory is shared with the whole stack. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private static final List<String> JSON_TYPES = List.of("application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    final String method;
    final List<String> segments;
    private final Map<String, String> query;
    private final HttpExchange exchange;
    private List<String> params = List.of();

    private HttpCall(HttpExchange exchange, List<String> segments, Map<String, String> query) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.segments = segments;
        this.query = query;
    }

    static HttpCall of(HttpExchange exchange) {
        List<String> segments = new ArrayList<>();
        for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new HttpCall(exchange, segments, query);
    }

    HttpCall withParams(List<String> params) {
        this.params = params;
        return this;
    }

    /** The i-th path parameter of the matched route. */
    String param(int i) {
        return params.get(i);
    }

    /** A path parameter that must be a schema id; anything else is simply not a known schema. */
    int idParam(int i) {
        try {
            return Integer.parseInt(param(i));
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("'" + param(i) + "' is not a schema id");
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    /** The request body as JSON, after checking its content type. */
    JsonNode body() {
        requireJsonContentType();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new RegistryException(413, "Request body larger than " + MAX_BODY + " bytes");
            }
            return Json.parse(body);
        } catch (IOException e) {
            throw new RegistryException(400, "Cannot read the request body");
        }
    }

    /** A required text field of the body; a missing or non-text field makes the request unprocessable. */
    String text(JsonNode body, String field, int errorCode) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new RegistryException(errorCode, "Missing or non-text field '" + field + "' in the request body");
        }
        return node.asText();
    }

    /** The media type to answer with: the registry's own unless the client accepts plain JSON only. */
    String responseType() {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.contains("*/*") || accept.contains(JSON_TYPES.get(0))) {
            return JSON_TYPES.get(0);
        }
        if (accept.contains(JSON_TYPES.get(1))) {
            return JSON_TYPES.get(1);
        }
        return accept.contains(JSON_TYPES.get(2)) ? JSON_TYPES.get(2) : JSON_TYPES.get(0);
    }

    private void requireJsonContentType() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return;
        }
        String mediaType = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(mediaType)) {
            throw new RegistryException(415, "Unsupported content type " + mediaType + "; send one of " + JSON_TYPES);
        }
    }

    private static String decode(String raw) {
        // '+' is a literal in paths; only queries use it for spaces, and subjects rarely contain either.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
