package io.lucid.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * JSON over HTTP to a Confluent-compatible registry: builds requests with the registry's media types, maps
 * error bodies ({@code {"error_code":N,"message":"..."}}) to {@link SchemaRegistryException}, and fails over
 * between several base URLs when one is unreachable.
 */
final class RestTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The Accept header Confluent's own client sends, so that every compatible registry answers in JSON. */
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
            + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris;
    private final String authorization;
    private final HttpClient http;

    private RestTransport(List<URI> baseUris, String authorization) {
        this.baseUris = baseUris;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Parses comma-separated base URLs; user info of the first one becomes basic auth for all. */
    static RestTransport of(String baseUrls) {
        List<URI> uris = new ArrayList<>();
        String authorization = null;
        for (String part : baseUrls.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri = URI.create(trimmed);
            if (uri.getRawUserInfo() != null) {
                if (authorization == null) {
                    String userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
                    authorization = "Basic " + Base64.getEncoder()
                            .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
                }
                // The credentials travel in the Authorization header only, never in request lines or logs.
                uri = URI.create(trimmed.replace(uri.getRawUserInfo() + "@", ""));
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL in '" + baseUrls + "'");
        }
        return new RestTransport(List.copyOf(uris), authorization);
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** Encodes one path segment (subject names may hold any character; URLEncoder is for forms, hence the fix-up). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        byte[] payload = body == null ? null : toJson(body);
        IOException lastFailure = null;
        for (URI base : baseUris) {
            try {
                return exchange(base, method, path, payload);
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw new SchemaRegistryException(method + " " + path + " failed on " + baseUris + ": " + lastFailure,
                lastFailure);
    }

    private JsonNode exchange(URI base, String method, String path, byte[] payload) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", ACCEPT)
                .method(method, payload == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(method + " " + path + " interrupted", e);
        }
        return parse(method, path, response);
    }

    private static JsonNode parse(String method, String path, HttpResponse<byte[]> response) {
        JsonNode node;
        try {
            node = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && node != null) {
            return node;
        }
        int errorCode = node != null && node.has("error_code") ? node.get("error_code").asInt() : status;
        String message = node != null && node.has("message") ? node.get("message").asText()
                : new String(response.body(), StandardCharsets.UTF_8);
        throw new SchemaRegistryException(status, errorCode,
                method + " " + path + ": HTTP " + status + ", error " + errorCode + ": " + message);
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body as JSON", e);
        }
    }
}
