package io.lucid.devstack.node;

import static io.lucid.devstack.node.Answers.neverAServerError;
import static io.lucid.devstack.node.Answers.rejectionsStoredNothing;
import static io.lucid.devstack.node.Answers.strangeIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed and boundary bodies and ids against the node lifecycle and telemetry endpoints: never a 5xx, never a
 * stored event, bodies over 1 MB refused with 413.
 */
class NodeFuzzIT extends NodeStackClients {

    @Test
    void lifecycleEndpointsSurviveStrangeIdsAndBodies() {
        String nodeId = nodes.register("node_fuzz_", new NodeKeys());
        String admin = tokens.of("ADMIN", "fuzzer");
        long before = db.storedEvents();
        List<Answer> answers = new ArrayList<>();
        for (String id : strangeIds()) {
            for (String action : List.of("/activate", "/deactivate", "/maintenance/enter", "/maintenance/exit")) {
                answers.add(api.post("/api/v1/nodes/" + id + action, null, admin));
            }
            answers.add(api.delete("/api/v1/nodes/" + id, admin));
            answers.add(nodes.put("/api/v1/nodes/" + id + "/hardware", "{}", admin));
        }
        String hardware = """
                {"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000,"gpu_model":"x"}""";
        for (String body : Fuzz.mutations(hardware)) {
            answers.add(nodes.put("/api/v1/nodes/" + nodeId + "/hardware", body, admin));
        }
        for (String body : Fuzz.malformed()) {
            answers.add(nodes.put("/api/v1/nodes/" + nodeId + "/hardware", body, admin));
            answers.add(api.post("/api/v1/nodes/" + nodeId + "/maintenance/enter", body, admin));
        }
        neverAServerError(answers);
        rejectionsStoredNothing(answers, before, db.storedEvents());
    }

    @Test
    void telemetryEndpointsSurviveStrangeBodies() {
        String nodeId = nodes.register("node_fuzz_", new NodeKeys());
        String token = tokens.node(nodeId);
        List<Answer> answers = new ArrayList<>();
        for (String body : Fuzz.mutations(TelemetryIT.HEARTBEAT)) {
            answers.add(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", body, token));
        }
        for (String body : Fuzz.malformed()) {
            answers.add(api.post("/api/v1/nodes/" + nodeId + "/heartbeats", body, token));
            answers.add(api.post("/api/v1/rdp-servers/" + java.util.UUID.randomUUID() + "/health", body, stack.adminToken()));
        }
        for (String body : Fuzz.mutations(TelemetryIT.HEALTH)) {
            answers.add(api.post("/api/v1/rdp-servers/" + java.util.UUID.randomUUID() + "/health", body, stack.adminToken()));
        }
        for (String id : strangeIds()) {
            answers.add(api.post("/api/v1/nodes/" + id + "/heartbeats", TelemetryIT.HEARTBEAT, stack.adminToken()));
            answers.add(api.post("/api/v1/rdp-servers/" + id + "/health", TelemetryIT.HEALTH, stack.adminToken()));
        }
        neverAServerError(answers);
    }

    @Test
    void bodiesOverOneMegabyteAreRefusedWith413() {
        String nodeId = nodes.register("node_fuzz_", new NodeKeys());
        long before = db.storedEvents();
        byte[] tenMegabytes = Fuzz.huge(10).getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/v1/nodes/" + nodeId + "/heartbeats", "/api/v1/nodes/" + nodeId + "/maintenance/enter",
                "/api/v1/poot/proofs", "/api/v1/poot/proofs/batch", "/api/v1/payouts/payout_1_" + nodeId + "/fail")) {
            Answer answer = api.postRaw(path, tenMegabytes, "application/json", stack.adminToken());
            assertThat(answer.status()).as(path + " " + answer.status()).isEqualTo(413);
        }
        assertThat(db.storedEvents()).isEqualTo(before);
    }
}
