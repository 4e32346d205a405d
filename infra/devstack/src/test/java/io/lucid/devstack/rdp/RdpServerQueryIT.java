package io.lucid.devstack.rdp;

import static io.lucid.devstack.api.QueryClient.expectBadParameter;
import static io.lucid.devstack.api.QueryClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.api.QueryStackClients;
import io.lucid.devstack.api.QueryClient.Read;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RDP server read side on the real embedded stack: {@code GET /api/v1/rdp-servers/{id}} follows the lifecycle,
 * the client connections and the host agent's health reports; {@code /rdp-servers} filters by state, node and
 * owner and pages; a NODE token reads the servers on its node only, a DEVICE none; bad parameters are 400s naming
 * the parameter.
 */
class RdpServerQueryIT extends QueryStackClients {




    private static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private static String create(String token, String name, String nodeId) {
        return ok(api.post("/api/v1/rdp-servers", RdpServerIT.body(name, nodeId), token), 201).text("server_id");
    }

    /** Servers count against the owner's and the system's quota until deleted. */
    private static void deleteAll(List<String> servers, String token) {
        for (String id : servers) {
            api.delete("/api/v1/rdp-servers/" + id + "?force=true", token);
        }
    }

    @Test
    void theServerViewFollowsItsLifecycleConnectionsAndHealth() {
        String operator = "op-" + unique();
        String token = tokens.of("OPERATOR", operator);
        String node = "node_rq_" + unique();
        String agent = tokens.node(node);
        Answer created = ok(api.post("/api/v1/rdp-servers", RdpServerIT.body("read-desk", node), token), 201);
        String id = created.text("server_id");
        String path = "/api/v1/rdp-servers/" + id;
        String reader = tokens.of("AUDITOR", "audit-" + unique());

        JsonNode fresh = query.awaitField(path, reader, "state", "CREATED");
        assertThat(fresh.path("server_id").asText()).isEqualTo(id);
        assertThat(fresh.path("name").asText()).isEqualTo("read-desk");
        assertThat(fresh.path("owner").asText()).isEqualTo(operator);
        assertThat(fresh.path("node_id").asText()).isEqualTo(node);
        assertThat(fresh.path("port").asInt()).isEqualTo(created.json().path("port").asInt()).isBetween(33890, 33999);
        assertThat(fresh.path("resources").path("cpu_millicores").asInt()).isEqualTo(1500);
        assertThat(fresh.path("resources").path("memory_mb").asInt()).isEqualTo(2048);
        assertThat(fresh.path("resources").path("disk_mb").asInt()).isEqualTo(10240);
        assertThat(fresh.path("resources").path("network_mbps").asInt()).isEqualTo(1000);
        assertThat(fresh.path("config").path("desktop").asText()).isEqualTo("xfce");
        assertThat(fresh.path("config").path("resolution").asText()).isEqualTo("1920x1080");
        assertThat(fresh.path("config").path("color_depth").asInt()).isEqualTo(24);
        assertThat(fresh.path("connections").size()).isZero();
        assertThat(fresh.path("connection_count").asInt()).isZero();
        assertThat(fresh.path("last_health").isNull()).isTrue();

        ok(api.post(path + "/start", null, token), 200);
        query.awaitField(path, reader, "state", "STARTING");
        ok(api.post(path + "/status", "{\"status\":\"running\",\"detail\":\"xrdp up\"}", agent), 200);
        JsonNode running = query.awaitField(path, reader, "state", "RUNNING");
        assertThat(running.path("status_detail").asText()).isEqualTo("xrdp up");
        assertThat(running.path("running_since").isTextual()).isTrue();
        assertThat(running.path("unresponsive").asBoolean()).isFalse();

        String laptop = ok(api.post(path + "/connections", "{\"client_name\":\"laptop\",\"client_ip\":\"192.168.1.20\"}", token), 201)
                .text("connection_id");
        String tablet = ok(api.post(path + "/connections", "{\"client_name\":\"tablet\",\"client_ip\":\"2001:db8::1\"}", token), 201)
                .text("connection_id");
        JsonNode connected = query.awaitBody(path, reader, body -> body.path("connection_count").asInt() == 2);
        assertThat(connected.path("connections").findValuesAsText("connection_id")).containsExactlyInAnyOrder(laptop, tablet);
        JsonNode first = connected.path("connections").get(0).path("connection_id").asText().equals(laptop)
                ? connected.path("connections").get(0) : connected.path("connections").get(1);
        assertThat(first.path("client_name").asText()).isEqualTo("laptop");
        assertThat(first.path("client_ip").asText()).isEqualTo("192.168.1.20");
        assertThat(first.path("connected_at").isTextual()).isTrue();

        Answer health = api.post(path + "/health", "{\"alive\":true,\"cpu_percent\":12.5,\"memory_mb\":900,"
                + "\"network_kbps\":300,\"active_connections\":2}", agent);
        assertThat(health.status()).as(health.toString()).isEqualTo(202);
        JsonNode reported = query.awaitBody(path, reader, body -> body.path("last_health").isObject());
        JsonNode last = reported.path("last_health");
        assertThat(last.path("alive").asBoolean()).isTrue();
        assertThat(last.path("cpu_percent").asDouble()).isEqualTo(12.5);
        assertThat(last.path("memory_mb").asLong()).isEqualTo(900);
        assertThat(last.path("network_kbps").asLong()).isEqualTo(300);
        assertThat(last.path("active_connections").asInt()).isEqualTo(2);
        assertThat(last.path("reported_at").isTextual()).isTrue();
        ok(api.post(path + "/health", "{\"alive\":true,\"cpu_percent\":40.0,\"memory_mb\":1000,"
                + "\"network_kbps\":10,\"active_connections\":2}", agent), 202);
        assertThat(query.awaitBody(path, reader, body -> body.path("last_health").path("cpu_percent").asDouble() == 40.0)
                .path("last_health").path("memory_mb").asLong()).as("the newest report replaces the one before").isEqualTo(1000);

        ok(api.delete(path + "/connections/" + laptop, token), 200);
        JsonNode oneLeft = query.awaitBody(path, reader, body -> body.path("connection_count").asInt() == 1);
        assertThat(oneLeft.path("connections").findValuesAsText("connection_id")).containsExactly(tablet);

        ok(api.post(path + "/stop", "{\"force\":true}", token), 200);
        JsonNode stopping = query.awaitField(path, reader, "state", "STOPPING");
        assertThat(stopping.path("connections").size()).as("a forced stop disconnects the clients").isZero();
        ok(api.post(path + "/status", "{\"status\":\"stopped\",\"detail\":\"xrdp down\"}", agent), 200);
        assertThat(query.awaitField(path, reader, "state", "STOPPED").path("status_detail").asText()).isEqualTo("xrdp down");
        ok(api.delete(path, token), 200);
        JsonNode deleted = query.awaitField(path, reader, "state", "DELETED");
        assertThat(deleted.path("port").asInt()).isEqualTo(created.json().path("port").asInt());
        assertThat(deleted.path("unresponsive").asBoolean()).isFalse();
    }

    @Test
    void aServerThatFailsToStartShowsTheAgentsDetail() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String node = "node_rq_" + unique();
        String id = create(token, "fails", node);
        ok(api.post("/api/v1/rdp-servers/" + id + "/start", null, token), 200);
        ok(api.post("/api/v1/rdp-servers/" + id + "/status", "{\"status\":\"failed\",\"detail\":\"no display\"}",
                tokens.node(node)), 200);
        JsonNode failed = query.awaitField("/api/v1/rdp-servers/" + id, token, "state", "FAILED");
        assertThat(failed.path("status_detail").asText()).isEqualTo("no display");
        assertThat(query.get("/api/v1/rdp-servers?state=FAILED&node_id=" + node, token).itemIds("server_id")).containsExactly(id);
        deleteAll(List.of(id), token);
    }

    @Test
    void listsFilterByStateNodeAndOwnerNewestFirstAndPageWithoutRepeats() {
        String owner = "op-" + unique();
        String token = tokens.of("OPERATOR", owner);
        String node = "node_rq_" + unique();
        String otherNode = "node_rq_" + unique();
        List<String> servers = new ArrayList<>();
        servers.add(create(token, "list-a", node));
        servers.add(create(token, "list-b", node));
        servers.add(create(token, "list-c", otherNode));
        servers.add(create(token, "list-d", null));
        String started = servers.get(1);
        try {
            ok(api.post("/api/v1/rdp-servers/" + started + "/start", null, token), 200);
            String reader = stack.adminToken();
            query.awaitField("/api/v1/rdp-servers/" + started, reader, "state", "STARTING");
            for (String id : servers) {
                query.awaitField("/api/v1/rdp-servers/" + id, reader, "server_id", id);
            }

            List<JsonNode> byOwner = query.all("/api/v1/rdp-servers?owner=" + owner, reader, 1, "server_id");
            assertThat(byOwner).extracting(s -> s.path("server_id").asText()).containsExactlyInAnyOrderElementsOf(servers);
            assertThat(byOwner).extracting(s -> s.path("created_at").asText()).as("newest first")
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            Read page = query.get("/api/v1/rdp-servers?owner=" + owner + "&limit=3", reader);
            assertThat(page.items()).hasSize(3);
            assertThat(page.nextCursor()).isNotNull();
            assertThat(query.all("/api/v1/rdp-servers?node_id=" + node, reader, 100, "server_id"))
                    .extracting(s -> s.path("server_id").asText()).containsExactlyInAnyOrder(servers.get(0), started);
            assertThat(query.get("/api/v1/rdp-servers?node_id=" + node + "&state=STARTING", reader).itemIds("server_id"))
                    .containsExactly(started);
            assertThat(query.get("/api/v1/rdp-servers?owner=" + owner + "&state=CREATED", reader).itemIds("server_id"))
                    .containsExactlyInAnyOrder(servers.get(0), servers.get(2), servers.get(3));
            assertThat(query.get("/api/v1/rdp-servers?node_id=" + otherNode + "&owner=" + owner, reader).itemIds("server_id"))
                    .containsExactly(servers.get(2));
            assertThat(query.get("/api/v1/rdp-servers?owner=" + owner + "&unresponsive=true", reader).items()).isEmpty();
            assertThat(query.get("/api/v1/rdp-servers?owner=" + owner + "&unresponsive=false", reader).items()).hasSize(4);
            assertThat(query.get("/api/v1/rdp-servers?node_id=node_rq_" + unique(), reader).items()).isEmpty();

            deleteAll(servers, token);
            query.awaitBody("/api/v1/rdp-servers?owner=" + owner + "&state=DELETED", reader, body -> body.path("items").size() == 4);
            assertThat(query.get("/api/v1/rdp-servers?owner=" + owner + "&state=CREATED", reader).items()).isEmpty();
        } finally {
            deleteAll(servers, token);
        }
    }

    @Test
    void aNodeReadsOnlyTheServersOnItsNodeAndADeviceNone() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String node = "node_rq_" + unique();
        String otherNode = "node_rq_" + unique();
        String onNode = create(token, "on-node", node);
        String onOther = create(token, "on-other", otherNode);
        String nowhere = create(token, "nowhere", null);
        List<String> servers = List.of(onNode, onOther, nowhere);
        try {
            for (String id : servers) {
                query.awaitField("/api/v1/rdp-servers/" + id, stack.adminToken(), "server_id", id);
            }
            for (String reader : List.of(stack.adminToken(), tokens.of("OPERATOR", "op-" + unique()),
                    tokens.of("AUDITOR", "audit-" + unique()))) {
                for (String id : servers) {
                    assertThat(query.get("/api/v1/rdp-servers/" + id, reader).status()).isEqualTo(200);
                }
                assertThat(query.get("/api/v1/rdp-servers?node_id=" + otherNode, reader).itemIds("server_id"))
                        .containsExactly(onOther);
            }

            String agent = tokens.node(node);
            Read own = query.get("/api/v1/rdp-servers/" + onNode, agent);
            assertThat(own.status()).as(own.toString()).isEqualTo(200);
            assertThat(own.json().path("node_id").asText()).isEqualTo(node);
            expectProblem(query.get("/api/v1/rdp-servers/" + onOther, agent), 404, "rdp_server_not_found");
            expectProblem(query.get("/api/v1/rdp-servers/" + nowhere, agent), 404, "rdp_server_not_found");
            List<JsonNode> listed = query.all("/api/v1/rdp-servers", agent, 100, "server_id");
            assertThat(listed).extracting(s -> s.path("server_id").asText()).containsExactly(onNode);
            assertThat(query.get("/api/v1/rdp-servers?node_id=" + otherNode, agent).items())
                    .as("a filter on another node finds nothing").isEmpty();
            expectProblem(query.get("/api/v1/rdp-servers/" + onNode, tokens.node(otherNode + "x")), 404, "rdp_server_not_found");
            expectProblem(query.get("/api/v1/rdp-servers/" + onNode, tokens.of("NODE", "agent-without-node")), 403, "forbidden");

            String device = tokens.of("DEVICE", UUID.randomUUID().toString());
            expectProblem(query.get("/api/v1/rdp-servers", device), 403, "forbidden");
            expectProblem(query.get("/api/v1/rdp-servers/" + onNode, device), 403, "forbidden");

            expectProblem(query.get("/api/v1/rdp-servers", null), 401, "unauthorized");
            expectProblem(query.get("/api/v1/rdp-servers/" + onNode, null), 401, "unauthorized");
        } finally {
            deleteAll(servers, token);
        }
    }

    @Test
    void badParametersAreRejectedNamingTheParameterAndUnknownIdsAreNotFound() {
        String token = stack.adminToken();
        expectBadParameter(query.get("/api/v1/rdp-servers?status=RUNNING", token), "status");
        expectBadParameter(query.get("/api/v1/rdp-servers?state=BOOTING", token), "state");
        expectBadParameter(query.get("/api/v1/rdp-servers?state=running", token), "state");
        expectBadParameter(query.get("/api/v1/rdp-servers?unresponsive=yes", token), "unresponsive");
        expectBadParameter(query.get("/api/v1/rdp-servers?unresponsive=", token), "unresponsive");
        expectBadParameter(query.get("/api/v1/rdp-servers?limit=0", token), "limit");
        expectBadParameter(query.get("/api/v1/rdp-servers?limit=101", token), "limit");
        expectBadParameter(query.get("/api/v1/rdp-servers?limit=1.5", token), "limit");
        expectBadParameter(query.get("/api/v1/rdp-servers?limit=1&limit=2", token), "limit");
        expectBadParameter(query.get("/api/v1/rdp-servers?cursor=%21%21%21", token), "cursor");
        expectBadParameter(query.get("/api/v1/rdp-servers?cursor=eyJsIjoicmRwLXNlcnZlcnMifQ", token), "cursor");
        assertThat(query.get("/api/v1/rdp-servers?limit=100", token).status()).isEqualTo(200);
        assertThat(query.get("/api/v1/rdp-servers?limit=1", token).status()).isEqualTo(200);

        expectProblem(query.get("/api/v1/rdp-servers/" + UUID.randomUUID(), token), 404, "rdp_server_not_found");
        expectProblem(query.get("/api/v1/rdp-servers/42", token), 404, "rdp_server_not_found");
        expectBadParameter(query.get("/api/v1/rdp-servers/" + "9".repeat(257), token), "id");
        for (String path : List.of("/api/v1/rdp-servers?owner=%00", "/api/v1/rdp-servers?node_id=",
                "/api/v1/rdp-servers/%00%01", "/api/v1/rdp-servers/x/y", "/api/v1/rdp-servers?state=%27%20OR%201%3D1")) {
            Read read = query.get(path, token);
            assertThat(read.status()).as(path + " -> " + read).isBetween(400, 499);
        }
    }
}
