package io.lucid.devstack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a client of command-api does in the session and RDP integration tests: JSON POSTs and DELETEs with a
 * bearer token, answers read as JSON. Thread-safe: the concurrency tests share one instance.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(TestStack stack) {
        this(stack.commandApi());
    }

    /** A client of another API of the stack (query-api's ADMIN calls, for instance). */
    public ApiClient(URI base) {
        this.base = base;
    }

    /** An answer: status, raw body, problem code (if any) and the body as JSON (null when it is not JSON). */
    public record Answer(int status, String body, String contentType, JsonNode json) {

        public String code() {
            return json == null ? null : json.path("code").asText(null);
        }

        public String text(String field) {
            return json == null ? null : json.path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer post(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request, token);
    }

    /** A POST with a body of raw bytes and a content type of the caller's choosing (for fuzzing). */
    public Answer postRaw(String path, byte[] body, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, token);
    }

    public Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), token);
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), response.body(), type, parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
