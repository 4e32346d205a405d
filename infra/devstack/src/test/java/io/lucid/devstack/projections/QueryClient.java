package io.lucid.devstack.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** GETs on query-api with a token and optional headers, answers parsed as JSON when they are JSON. */
final class QueryClient {

    record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    QueryClient(TestStack stack) {
        this.base = stack.queryApi();
    }

    Answer get(String pathAndQuery, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery, String token) {
        return get(pathAndQuery, token, Map.of());
    }
}
