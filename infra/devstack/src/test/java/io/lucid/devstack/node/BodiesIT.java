package io.lucid.devstack.node;

import static io.lucid.devstack.node.Answers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Request bodies on the running command-api: exactly one well-formed JSON value (no trailing content, no key twice),
 * telemetry values in their JSON types, and a body whose Content-Encoding lies is a 400 problem; none stores or
 * publishes anything.
 */
class BodiesIT extends NodeStackClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trailingContentAfterTheJsonValueIs400AndStoresNothing() {
        String nodeId = "node_tail_" + Nodes.unique();
        long stored = db.storedEvents();
        String body = Nodes.registration(nodeId, new NodeKeys().publicKey()) + " {\"extra\":1}";
        expectProblem(api.post("/api/v1/nodes", body, tokens.of("ADMIN", "it-admin")), 400, "malformed_request");
        expectProblem(api.post("/api/v1/nodes", Nodes.registration(nodeId, new NodeKeys().publicKey()) + "garbage",
                tokens.of("ADMIN", "it-admin")), 400, "malformed_request");
        assertThat(db.storedEvents()).isEqualTo(stored);
    }

    @Test
    void aKeyGivenTwiceIs400AndStoresNothing() {
        String nodeId = "node_twice_" + Nodes.unique();
        long stored = db.storedEvents();
        String body = Nodes.registration(nodeId, new NodeKeys().publicKey())
                .replaceFirst("\\{", "{\"node_id\":\"node_other_" + Nodes.unique() + "\",");
        expectProblem(api.post("/api/v1/nodes", body, tokens.of("ADMIN", "it-admin")), 400, "malformed_request");
        assertThat(db.storedEvents()).isEqualTo(stored);
    }

    @Test
    void aTelemetryValueOfAnotherJsonTypeIs400() {
        String nodeId = nodes.register("node_typed_", new NodeKeys());
        String heartbeat = TelemetryIT.HEARTBEAT.replace("\"cpu_percent\":37.5", "\"cpu_percent\":true");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", heartbeat, tokens.node(nodeId)), 400,
                "malformed_request");
    }

    @Test
    void aPlainBodyLabelledGzipIs400NotAServerError() throws Exception {
        String nodeId = "node_gzip_" + Nodes.unique();
        HttpRequest request = HttpRequest.newBuilder(stack.commandApi().resolve("/api/v1/nodes"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", "Bearer " + tokens.of("ADMIN", "it-admin"))
                .POST(HttpRequest.BodyPublishers.ofString(Nodes.registration(nodeId, new NodeKeys().publicKey())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("malformed_request");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
