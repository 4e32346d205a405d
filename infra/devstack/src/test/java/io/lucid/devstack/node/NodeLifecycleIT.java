package io.lucid.devstack.node;

import static io.lucid.devstack.node.Answers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node lifecycle end to end on the real embedded stack (DOMAIN.md section 4): every transition through REST,
 * seen in order on {@code lucid.node.events} and in query-api's view; each status-code class of the lifecycle
 * endpoints, each rejection storing nothing.
 */
class NodeLifecycleIT extends NodeStackClients {

    private static final String HARDWARE = """
            {"cpu_cores":2,"memory_bytes":4294967296,"storage_bytes":53687091200,"storage_type":"SSD","network_mbps":100}""";

    private static void expectStatus(Answer answer, String status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo(status);
    }

    @Test
    void everyTransitionThroughRestArrivesInOrderOnTheNodeTopic() {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register("node_life_", new NodeKeys());
        String base = "/api/v1/nodes/" + nodeId;
        expectStatus(api.post(base + "/activate", null, operator), "ACTIVE");
        expectStatus(api.post(base + "/maintenance/enter", "{\"reason\":\"disk swap\"}", operator), "MAINTENANCE");
        expectStatus(api.post(base + "/maintenance/exit", null, operator), "ACTIVE");
        expectStatus(nodes.put(base + "/hardware", HARDWARE, operator), "ACTIVE");
        expectStatus(api.post(base + "/deactivate", null, operator), "INACTIVE");
        expectStatus(api.delete(base + "?reason=retired", operator), "DEREGISTERED");

        List<Published> events = topic.eventsOf(Topics.NODE_EVENTS, nodeId, 7);
        assertThat(events).extracting(Published::type).containsExactly("NodeRegistered", "NodeActivated",
                "NodeMaintenanceEntered", "NodeMaintenanceExited", "NodeHardwareUpdated", "NodeDeactivated", "NodeDeregistered");
        assertThat(((NodeHardwareUpdated) events.get(4).event()).getHardware().getCpuCores()).isEqualTo(2);
        assertThat(events.get(1).header(CloudEventHeaders.ACTOR)).startsWith("op-");
        assertThat(events).extracting(p -> p.header(CloudEventHeaders.SEQUENCE)).containsExactly("0", "1", "2", "3", "4", "5", "6");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queryView(nodeId)).contains("\"status\":\"DEREGISTERED\""));
    }

    @Test
    void anIllegalTransitionIs409NamingTheCurrentStateAndStoresNothing() {
        String nodeId = nodes.register("node_ill_", new NodeKeys());
        long before = db.storedEvents();
        Answer answer = api.post("/api/v1/nodes/" + nodeId + "/deactivate", null, stack.adminToken());
        expectProblem(answer, 409, "illegal_transition");
        assertThat(answer.text("detail")).contains("is INACTIVE");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/maintenance/exit", null, stack.adminToken()), 409, "illegal_transition");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    @Test
    void aDeregisteredNodeRefusesEveryFurtherCommand() {
        String nodeId = nodes.register("node_gone_", new NodeKeys());
        assertThat(api.delete("/api/v1/nodes/" + nodeId, stack.adminToken()).status()).isEqualTo(200);
        long before = db.storedEventsOf(nodeId);
        for (String action : List.of("/activate", "/deactivate", "/maintenance/enter", "/maintenance/exit")) {
            expectProblem(api.post("/api/v1/nodes/" + nodeId + action, null, stack.adminToken()), 409, "illegal_transition");
        }
        expectProblem(nodes.put("/api/v1/nodes/" + nodeId + "/hardware", HARDWARE, stack.adminToken()), 409, "illegal_transition");
        expectProblem(api.delete("/api/v1/nodes/" + nodeId, stack.adminToken()), 409, "illegal_transition");
        assertThat(db.storedEventsOf(nodeId)).isEqualTo(before);
    }

    @Test
    void anUnknownNodeIs404() {
        long before = db.storedEvents();
        expectProblem(api.post("/api/v1/nodes/node_never_" + Nodes.unique() + "/activate", null, stack.adminToken()), 404, "not_found");
        expectProblem(api.post("/api/v1/nodes/not-a-node-id/activate", null, stack.adminToken()), 404, "not_found");
        expectProblem(api.delete("/api/v1/nodes/node_never_" + Nodes.unique(), stack.adminToken()), 404, "not_found");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    @Test
    void hardwareOutsideTheRegistrationBoundsIs422NamingEachField() {
        String nodeId = nodes.register("node_hw_", new NodeKeys());
        long before = db.storedEvents();
        Answer answer = nodes.put("/api/v1/nodes/" + nodeId + "/hardware",
                "{\"cpu_cores\":0,\"memory_bytes\":1,\"storage_bytes\":1,\"storage_type\":\"tape\",\"network_mbps\":1}", stack.adminToken());
        expectProblem(answer, 422, "validation_failed");
        assertThat(answer.json().path("errors").findValuesAsText("field"))
                .contains("cpu_cores", "memory_bytes", "storage_bytes", "storage_type", "network_mbps");
        expectProblem(nodes.put("/api/v1/nodes/" + nodeId + "/hardware", "{\"cpu_cores\":", stack.adminToken()), 400, "malformed_request");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyOperatorsAndAdminsSteerTheLifecycle() {
        String nodeId = nodes.register("node_auth_", new NodeKeys());
        long before = db.storedEvents();
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/activate", null, tokens.node(nodeId)), 403, "forbidden");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/activate", null, tokens.of("AUDITOR", "aud")), 403, "forbidden");
        expectProblem(api.post("/api/v1/nodes/" + nodeId + "/activate", null, null), 401, "unauthorized");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    private static String queryView(String nodeId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.queryApi() + "/api/v1/nodes/" + nodeId))
                .header("Authorization", "Bearer " + stack.adminToken()).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
