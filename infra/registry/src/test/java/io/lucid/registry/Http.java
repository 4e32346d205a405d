package io.lucid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Raw HTTP calls to a registry under test, to check status codes, headers and bodies exactly. */
final class Http {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body parsed as JSON (null when it is not JSON). */
    record Response(int status, String contentType, String text, JsonNode json) {
        int errorCode() {
            return json.path("error_code").asInt();
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    Http(URI base) {
        this.base = base;
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, V1_JSON);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, V1_JSON);
    }

    Response registerSchema(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", Map.of("schema", schema));
    }

    Response getAccepting(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    Response send(String method, String path, Object body, String contentType) {
        return send(method, path, body, contentType, null);
    }

    private Response send(String method, String path, Object body, String contentType, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s
                                    ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body)));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
