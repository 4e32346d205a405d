package io.lucid.devstack.node;

import static io.lucid.devstack.node.Answers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.events.node.NodeHeartbeat;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Telemetry end to end (DOMAIN.md sections 3 and 4): heartbeats and RDP health reports answered 202 once on their
 * telemetry topic, keyed by node or server, Avro in the Confluent wire format with CloudEvents headers; the checks
 * before it (token of that node, registered and not deregistered, body rules); and {@code /health} reporting Kafka.
 */
class TelemetryIT extends NodeStackClients {

    static final String HEARTBEAT = """
            {"cpu_percent":37.5,"memory_used_bytes":8589934592,"storage_used_bytes":107374182400,"network_mbps":212.5,"active_sessions":3}""";
    static final String HEALTH = """
            {"alive":true,"cpu_percent":120.0,"memory_mb":3072,"network_kbps":20480,"active_connections":2}""";

    @Test
    void aHeartbeatIsAcceptedOnceTheBrokerHasItAndArrivesOnTheTelemetryTopic() {
        String nodeId = nodes.register("node_beat_", new NodeKeys());
        long stored = db.storedEvents();
        Answer answer = api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, tokens.node(nodeId));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.text("id")).isEqualTo(nodeId);

        Published published = topic.eventsOf(Topics.NODE_TELEMETRY, nodeId, 1).get(0);
        NodeHeartbeat heartbeat = (NodeHeartbeat) published.event();
        assertThat(heartbeat.getCpuPercent()).isEqualTo(37.5);
        assertThat(heartbeat.getActiveSessions()).isEqualTo(3);
        assertThat(published.record().value()[0]).isZero(); // Confluent magic byte
        assertThat(published.header(CloudEventHeaders.TYPE)).isEqualTo(NodeHeartbeat.getClassSchema().getFullName());
        assertThat(published.header(CloudEventHeaders.SUBJECT)).isEqualTo(nodeId);
        assertThat(published.header(CloudEventHeaders.SOURCE)).isEqualTo("/lucid/node");
        assertThat(published.header(CloudEventHeaders.ACTOR)).isEqualTo("agent-" + nodeId);
        assertThat(published.header(CloudEventHeaders.ID)).isNotBlank();
        assertThat(published.header(CloudEventHeaders.CORRELATION_ID)).isEqualTo(answer.text("correlation_id"));
        assertThat(db.storedEvents()).as("telemetry is not aggregate state").isEqualTo(stored);
    }

    @Test
    void onlyTheNodeItselfOrAnAdminSendsItsHeartbeats() {
        String nodeId = nodes.register("node_beat_", new NodeKeys());
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, tokens.node("node_other_" + Nodes.unique())), 403, "forbidden");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, tokens.of("OPERATOR", "op")), 403, "forbidden");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, null), 401, "unauthorized");
        assertThat(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, stack.adminToken()).status()).isEqualTo(202);
    }

    @Test
    void anUnknownNodeIs404AndADeregisteredOne409() {
        String unknown = "node_nobody_" + Nodes.unique();
        expectProblem(api.post("/api/v1/nodes/" + unknown + "/heartbeats", HEARTBEAT, tokens.node(unknown)), 404, "node_not_found");
        String nodeId = nodes.register("node_beat_", new NodeKeys());
        assertThat(api.delete("/api/v1/nodes/" + nodeId, stack.adminToken()).status()).isEqualTo(200);
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", HEARTBEAT, tokens.node(nodeId)), 409, "node_deregistered");
    }

    @Test
    void aHeartbeatOutsideItsBoundsIs422AndAMalformedOne400() {
        String nodeId = nodes.register("node_beat_", new NodeKeys());
        Answer answer = api.post("/api/v1/nodes/" + nodeId + "/heartbeats",
                "{\"cpu_percent\":101,\"memory_used_bytes\":-1,\"network_mbps\":1}", tokens.node(nodeId));
        expectProblem(answer, 422, "validation_failed");
        assertThat(answer.json().path("errors").findValuesAsText("field"))
                .contains("cpu_percent", "memory_used_bytes", "storage_used_bytes", "active_sessions");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", "{\"cpu_percent\":\"hot\"}", tokens.node(nodeId)),
                400, "malformed_request");
    }

    @Test
    void anRdpHealthReportFromItsHostArrivesOnTheRdpTelemetryTopic() {
        String hostNode = "node_host_" + Nodes.unique();
        Answer created = api.post("/api/v1/rdp-servers", "{\"name\":\"health-desk\",\"node_id\":\"" + hostNode
                + "\",\"resources\":{\"cpu\":1.5,\"memory_mb\":2048,\"disk_mb\":10240,\"network_mbps\":1000}}",
                tokens.of("OPERATOR", "op-" + Nodes.unique()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String serverId = created.text("server_id");
        try {
            Answer answer = api.post("/api/v1/rdp-servers/" + serverId + "/health", HEALTH, tokens.node(hostNode));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            Published published = topic.eventsOf(Topics.RDP_TELEMETRY, serverId, 1).get(0);
            RdpHealthReported report = (RdpHealthReported) published.event();
            assertThat(report.getAlive()).isTrue();
            assertThat(report.getMemoryMb()).isEqualTo(3072);
            assertThat(published.header(CloudEventHeaders.SOURCE)).isEqualTo("/lucid/rdpserver");
            assertThat(published.header(CloudEventHeaders.SUBJECT)).isEqualTo(serverId);

            expectProblem(api.post("/api/v1/rdp-servers/" + serverId + "/health", HEALTH, tokens.node("node_other_" + Nodes.unique())),
                    403, "forbidden");
            expectProblem(api.post("/api/v1/rdp-servers/" + serverId + "/health", "{\"alive\":true}", tokens.node(hostNode)),
                    422, "validation_failed");
        } finally {
            api.delete("/api/v1/rdp-servers/" + serverId, stack.adminToken());
        }
        expectProblem(api.post("/api/v1/rdp-servers/" + java.util.UUID.randomUUID() + "/health", HEALTH, stack.adminToken()),
                404, "not_found");
        expectProblem(api.post("/api/v1/rdp-servers/not-a-uuid/health", HEALTH, stack.adminToken()), 404, "not_found");
    }

    @Test
    void healthIsUpWithKafkaRunning() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.commandApi() + "/health")).GET().build();
        HttpResponse<String> health = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }
}
