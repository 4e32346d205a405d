package io.lucid.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP calls: JSON to command-api and from query-api with a bearer token. A refused call is logged
 * (status and problem code, never a token) and answered as null: a demo goes on when one step is refused.
 */
final class DemoApi {

    private static final Logger log = LoggerFactory.getLogger(DemoApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI command;
    private final URI query;

    DemoApi(URI command, URI query) {
        this.command = command;
        this.query = query;
    }

    /** POST to command-api; the answer's body, or null when it was refused. {@code token} null: anonymous. */
    JsonNode post(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(command.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), "POST " + path);
    }

    /** GET from query-api (or any absolute URI given as {@code base}). */
    JsonNode get(URI base, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), "GET " + path);
    }

    JsonNode get(String path, String token) {
        return get(query, path, token);
    }

    URI query() {
        return query;
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                log.info("demo: {} answered {} {}", what, response.statusCode(), body.path("code").asText(""));
                return null;
            }
            return body;
        } catch (IOException e) {
            log.info("demo: {} failed: {}", what, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
