package io.lucid.devstack.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.api.LiveSocket;
import io.lucid.devstack.test.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a client of the live protocol does against a running stack: sockets on query-api, commands on command-api. */
final class LiveClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LiveClient(TestStack stack) {
        this.stack = stack;
    }

    URI wsUri() {
        return URI.create(stack.queryApi().toString().replaceFirst("^http", "ws") + "/ws");
    }

    /** Opens {@code /ws}. */
    LiveSocket connect() throws Exception {
        return LiveSocket.open(http, stack.queryApi());
    }

    /** Opens {@code /ws} and authenticates with {@code token}. */
    LiveSocket authenticated(String token) throws Exception {
        LiveSocket socket = connect();
        socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        JsonNode answer = socket.next(10);
        if (answer == null || !"auth_success".equals(answer.path("type").asText())) {
            throw new AssertionError("auth answered " + answer);
        }
        return socket;
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return post(path, token, body, java.util.Map.of());
    }

    HttpResponse<String> post(String path, String token, String body, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.commandApi().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> read(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stack.queryApi().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a node that breaks no rule. */
    void register(String nodeId) throws IOException, InterruptedException {
        register(nodeId, java.util.Map.of());
    }

    /** Registers a node that breaks no rule, with extra request headers; returns command-api's answer. */
    HttpResponse<String> register(String nodeId, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/v1/nodes", stack.adminToken(), """
                {"node_id":"%s","name":"live-%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE","region":"eu-central"},
                 "wallet_address":"TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz",
                 "public_key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}
                """.formatted(nodeId, nodeId), headers);
        if (answer.statusCode() != 201) {
            throw new AssertionError("register " + nodeId + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
