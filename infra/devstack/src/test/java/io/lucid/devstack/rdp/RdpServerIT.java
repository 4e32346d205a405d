package io.lucid.devstack.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.DomainTopic;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.api.TestIds;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.Answers;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.DisconnectReason;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RDP servers end to end on the real embedded stack: the lifecycle through REST with the host agent's NODE token,
 * seen on {@code lucid.rdp.events}; every status-code class of the RDP endpoints, each rejection storing nothing.
 */
class RdpServerIT {

    static final String RESOURCES = "\"resources\":{\"cpu\":1.5,\"memory_mb\":2048,\"disk_mb\":10240,\"network_mbps\":1000}";

    private static TestStack stack;
    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;
    private static DomainTopic topic;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
        topic = new DomainTopic(stack);
    }

    static String unique() {
        return TestIds.unique();
    }

    static String body(String name, String nodeId) {
        return "{\"name\":\"" + name + "\"" + (nodeId == null ? "" : ",\"node_id\":\"" + nodeId + "\"") + "," + RESOURCES + "}";
    }

    private static void expect(Answer answer, int status, String field, String value) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.text(field)).as(answer.toString()).isEqualTo(value);
    }

    private static void expectProblem(Answer answer, int status, String code) {
        Answers.expectProblem(answer, status, code);
    }

    private static long rdpEvents() {
        return db.number("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.lucid.events.rdp.%'");
    }

    @Test
    void theWholeLifecycleThroughRestArrivesOnTheRdpTopic() {
        String operator = "op-" + unique();
        String token = tokens.of("OPERATOR", operator);
        String node = "node_host_" + unique();
        String agent = tokens.node(node);
        Answer created = api.post("/api/v1/rdp-servers", body("it-desk", node), token);
        expect(created, 201, "status", "CREATED");
        String id = created.text("server_id");
        int port = created.json().path("port").asInt();
        assertThat(port).isBetween(33890, 33999);
        String base = "/api/v1/rdp-servers/" + id;

        expect(api.post(base + "/start", null, token), 200, "status", "STARTING");
        expect(api.post(base + "/status", "{\"status\":\"running\",\"detail\":\"xrdp up\"}", agent), 200, "status", "RUNNING");
        Answer first = api.post(base + "/connections", "{\"client_name\":\"laptop\",\"client_ip\":\"192.168.1.20\"}", token);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Answer second = api.post(base + "/connections", "{\"client_name\":\"tablet\",\"client_ip\":\"2001:db8::1\"}", token);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        expect(api.delete(base + "/connections/" + first.text("connection_id"), token), 200, "status", "RUNNING");
        expectProblem(api.post(base + "/stop", null, token), 409, "clients_connected");
        expect(api.post(base + "/stop", "{\"force\":true}", token), 200, "status", "STOPPING");
        expect(api.post(base + "/status", "{\"status\":\"stopped\"}", agent), 200, "status", "STOPPED");
        expect(api.delete(base, token), 200, "status", "DELETED");

        List<Published> events = topic.eventsOf(Topics.RDP_EVENTS, id, 10);
        assertThat(events).extracting(Published::type).containsExactly("RdpServerCreated", "RdpServerStartRequested",
                "RdpServerRunning", "ClientConnected", "ClientConnected", "ClientDisconnected", "ClientDisconnected",
                "RdpServerStopRequested", "RdpServerStopped", "RdpServerDeleted");
        assertThat(((RdpServerCreated) events.get(0).event()).getPort()).isEqualTo(port);
        assertThat(((RdpServerCreated) events.get(0).event()).getResources().getCpuMillicores()).isEqualTo(1500);
        assertThat(((ClientDisconnected) events.get(5).event()).getReason()).isEqualTo(DisconnectReason.requested);
        assertThat(((ClientDisconnected) events.get(6).event()).getReason()).isEqualTo(DisconnectReason.forced_stop);
        assertThat(((ClientDisconnected) events.get(6).event()).getConnectionId()).isEqualTo(second.text("connection_id"));
        assertThat(((RdpServerDeleted) events.get(9).event()).getPort()).isEqualTo(port);
        assertThat(events.get(0).header(CloudEventHeaders.ACTOR)).isEqualTo(operator);
        assertThat(events.get(2).header(CloudEventHeaders.ACTOR)).isEqualTo("agent-" + node);
        assertThat(events).allSatisfy(event -> assertThat(event.header(CloudEventHeaders.CORRELATION_ID)).isNotBlank());
        assertThat(db.number("SELECT count(*) FROM rdp_port WHERE port = ? AND server_id IS NULL AND released_at IS NOT NULL", port))
                .isEqualTo(1);
    }

    @Test
    void everyStatusCodeClassOfTheRdpEndpointsAndNoRejectionStoresAnything() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String node = "node_host_" + unique();
        Answer created = api.post("/api/v1/rdp-servers", body("codes", node), token);
        expect(created, 201, "status", "CREATED");
        String id = created.text("server_id");
        String base = "/api/v1/rdp-servers/" + id;
        long before = rdpEvents();

        expectProblem(api.post("/api/v1/rdp-servers", "{\"name\":", token), 400, "malformed_request");
        expectProblem(api.post("/api/v1/rdp-servers", body("x", null), null), 401, "unauthorized");
        expectProblem(api.post("/api/v1/rdp-servers", body("x", null), stack.tokenFor("AUDITOR")), 403, "forbidden");
        expectProblem(api.post("/api/v1/rdp-servers", body("x", null), tokens.of("DEVICE", UUID.randomUUID().toString())), 403, "forbidden");
        expectProblem(api.post(base + "/start", null, tokens.node(node)), 403, "forbidden");
        expectProblem(api.post(base + "/status", "{\"status\":\"running\"}", tokens.node("node_other_" + unique())), 403, "forbidden");
        expectProblem(api.post("/api/v1/rdp-servers/" + UUID.randomUUID() + "/start", null, token), 404, "rdp_server_not_found");
        expectProblem(api.post("/api/v1/rdp-servers/42/start", null, token), 404, "rdp_server_not_found");
        expectProblem(api.delete(base + "/connections/" + UUID.randomUUID(), token), 404, "connection_not_found");
        Answer illegal = api.post(base + "/status", "{\"status\":\"running\"}", tokens.node(node));
        expectProblem(illegal, 409, "illegal_transition");
        assertThat(illegal.text("detail")).contains("is CREATED");
        Answer invalid = api.post("/api/v1/rdp-servers", "{\"name\":\"x\",\"resources\":{\"cpu\":0.125,\"memory_mb\":1000,"
                + "\"disk_mb\":512,\"network_mbps\":99},\"config\":{\"desktop\":\"cde\",\"color_depth\":8}}", token);
        expectProblem(invalid, 422, "validation_failed");
        assertThat(invalid.json().path("errors").findValuesAsText("field")).contains("resources.cpu", "resources.memory_mb",
                "resources.disk_mb", "resources.network_mbps", "config.desktop", "config.color_depth");
        assertThat(rdpEvents()).isEqualTo(before);

        expect(api.post(base + "/start", null, token), 200, "status", "STARTING");
        Answer twice = api.post(base + "/start", null, token);
        expectProblem(twice, 409, "illegal_transition");
        assertThat(twice.text("detail")).contains("is STARTING");
        expectProblem(api.delete(base, token), 409, "server_running");
        expect(api.delete(base + "?force=true", token), 200, "status", "DELETED");
        assertThat(db.storedEventsOf(id)).isEqualTo(3);
    }

    @Test
    void aCommandAddressedToAnotherAggregatesIdIsNotFound() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String server = api.post("/api/v1/rdp-servers", body("cross", null), token).text("server_id");
        String session = api.post("/api/v1/sessions", "{\"name\":\"cross\"}", token).text("session_id");
        long before = db.storedEvents();

        expectProblem(api.post("/api/v1/sessions/" + server + "/start", null, token), 404, "session_not_found");
        expectProblem(api.post("/api/v1/rdp-servers/" + session + "/start", null, token), 404, "rdp_server_not_found");
        assertThat(db.storedEventsOf(server) + db.storedEventsOf(session)).isEqualTo(2);
        assertThat(db.storedEvents()).isGreaterThanOrEqualTo(before);
        expect(api.delete("/api/v1/rdp-servers/" + server, token), 200, "status", "DELETED");
    }
}
