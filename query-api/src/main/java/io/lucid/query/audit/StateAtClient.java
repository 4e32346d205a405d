package io.lucid.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.kit.problem.ProblemException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks command-api for an aggregate's state as of a version or a time ({@code GET /api/v1/audit/aggregates/{id}/state}
 * there): only command-api holds the aggregates' state transitions (ADR 0051). The caller's own token is forwarded,
 * so command-api applies the same roles; its client errors come back to the caller unchanged.
 */
final class StateAtClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI commandApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StateAtClient(URI commandApi) {
        this.commandApi = commandApi;
    }

    String stateOf(String aggregateId, String version, String at, String authorization) {
        StringBuilder query = new StringBuilder();
        if (version != null) {
            query.append("?version=").append(URLEncoder.encode(version, StandardCharsets.UTF_8));
        }
        if (at != null) {
            query.append(query.length() == 0 ? '?' : '&').append("at=").append(URLEncoder.encode(at, StandardCharsets.UTF_8));
        }
        URI uri = commandApi.resolve("/api/v1/audit/aggregates/"
                + URLEncoder.encode(aggregateId, StandardCharsets.UTF_8).replace("+", "%20") + "/state" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("command_api_unavailable",
                    "The state replay (command-api) cannot be reached; retry shortly.").retryAfterSeconds(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("command_api_unavailable", "Interrupted.");
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            JsonNode problem = parse(response.body());
            throw new ProblemException(response.statusCode(), problem.path("code").asText("rejected"),
                    problem.path("detail").asText("The state replay refused the request."));
        }
        throw ProblemException.unavailable("command_api_unavailable", "The state replay failed; retry shortly.")
                .retryAfterSeconds(1);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
