package io.lucid.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Completes pairings through command-api's REST endpoint {@code POST /api/v1/pairings/{id}/complete}, the same call
 * a device makes without the WebSocket: one rule set, one audit trail.
 */
public final class HttpPairingCompleter implements PairingCompleter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI commandApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public HttpPairingCompleter(URI commandApi) {
        this.commandApi = commandApi;
    }

    @Override
    public Outcome complete(String pairingId, String tempToken, ClientFrame.DeviceInfo deviceInfo) {
        ObjectNode body = JSON.createObjectNode();
        body.put("temp_token", tempToken);
        if (deviceInfo != null) {
            body.putObject("device_info").put("name", deviceInfo.name()).put("platform", deviceInfo.platform());
        }
        String id = URLEncoder.encode(pairingId == null ? "" : pairingId, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(commandApi.resolve("/api/v1/pairings/" + id + "/complete"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return outcome(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
    }

    static Outcome outcome(int status, String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new Unavailable("command-api answered " + status + " without a JSON body");
        }
        if (status == 201 && answer.hasNonNull("access_token") && answer.hasNonNull("device_id")) {
            return new Paired(answer.get("device_id").asText(), answer.get("access_token").asText(),
                    answer.path("expires_at").asText(null));
        }
        if (status >= 400 && status < 500 && answer.hasNonNull("code")) {
            return new Refused(status, answer.get("code").asText(), answer.path("detail").asText(""));
        }
        return new Unavailable("command-api answered " + status);
    }
}
