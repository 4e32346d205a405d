package io.lucid.devstack.poot;

import static io.lucid.devstack.node.Answers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Concurrently;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.NodeStackClients;
import io.lucid.devstack.node.Nodes;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Task proofs end to end (DOMAIN.md section 5): a signed proof through REST onto {@code lucid.poot.events}; the
 * idempotent resubmission, the conflict, every status-code class; the batch with one result per item; and the
 * one-proof-per-id rule under concurrent submissions.
 */
class TaskProofIT extends NodeStackClients {

    private static long proofEvents() {
        return db.number("SELECT count(*) FROM domain_event_entry WHERE type = 'TaskProof'");
    }

    @Test
    void aSignedProofIsStoredAndArrivesOnThePootTopic() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_proof_", keys);
        long slot = Nodes.currentSlot();
        String proof = Nodes.relayProof(nodeId, slot, 10_485_760, 2, keys);

        Answer created = api.post("/api/v1/poot/proofs", proof, tokens.node(nodeId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String proofId = nodeId + ":" + slot + ":relay_bandwidth";
        assertThat(created.text("proof_id")).isEqualTo(proofId);
        assertThat(created.json().path("epoch").asLong()).isEqualTo(Nodes.TIME_BASE.epochOfSlot(slot));

        Published published = topic.eventsOf(Topics.POOT_EVENTS, proofId, 1).get(0);
        TaskProofSubmitted event = (TaskProofSubmitted) published.event();
        assertThat(event.getProofType()).isEqualTo(ProofType.relay_bandwidth);
        assertThat(event.getRelayBandwidth().getBytesTransferred()).isEqualTo(10_485_760L);
        assertThat(event.getRelayBandwidth().getSessionsRelayed()).isEqualTo(2L);
        assertThat(published.header(CloudEventHeaders.AGGREGATE_TYPE)).isEqualTo("TaskProof");
        assertThat(published.header(CloudEventHeaders.ACTOR)).isEqualTo("agent-" + nodeId);
        assertThat(published.header(CloudEventHeaders.CORRELATION_ID)).isNotBlank();
    }

    @Test
    void anIdenticalResubmissionAnswersTheSameAndAnotherProofForTheIdIs409() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_proof_", keys);
        long slot = Nodes.currentSlot();
        String proof = Nodes.uptimeProof(nodeId, slot, 120, keys);
        Answer first = api.post("/api/v1/poot/proofs", proof, tokens.node(nodeId));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = db.storedEvents();

        Answer again = api.post("/api/v1/poot/proofs", proof, tokens.node(nodeId));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        // The same receipt; only the first answer has a position, since only it stored an event.
        assertThat(first.json().has("position")).isTrue();
        assertThat(again.json().has("position")).isFalse();
        assertThat(again.json()).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) first.json().deepCopy())
                .without("position"));
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.uptimeProof(nodeId, slot, 119, keys), tokens.node(nodeId)),
                409, "proof_conflict");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    @Test
    void everyRejectionHasItsStatusAndStoresNothing() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_proof_", keys);
        long slot = Nodes.currentSlot();
        String token = tokens.node(nodeId);
        long before = proofEvents();
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 1, new NodeKeys()), token), 401, "invalid_signature");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot - 31, 1, 1, keys), token), 422, "slot_out_of_window");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot + 2, 1, 1, keys), token), 422, "slot_out_of_window");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 0, keys), token), 422, "validation_failed");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 1, keys), tokens.node("node_other_" + Nodes.unique())),
                403, "forbidden");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 1, keys), tokens.of("OPERATOR", "op")), 403, "forbidden");
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 1, keys), null), 401, "unauthorized");
        expectProblem(api.post("/api/v1/poot/proofs", "{\"slot\":\"soon\"}", token), 400, "malformed_request");
        String stranger = "node_stranger_" + Nodes.unique();
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(stranger, slot, 1, 1, keys), tokens.node(stranger)), 404, "node_not_found");
        assertThat(api.delete("/api/v1/nodes/" + nodeId, stack.adminToken()).status()).isEqualTo(200);
        expectProblem(api.post("/api/v1/poot/proofs", Nodes.relayProof(nodeId, slot, 1, 1, keys), token), 409, "node_deregistered");
        assertThat(proofEvents()).isEqualTo(before);
    }

    @Test
    void aBatchAcceptsOrRejectsEachProofOnItsOwn() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_batch_", keys);
        long slot = Nodes.currentSlot();
        List<String> proofs = List.of(
                Nodes.relayProof(nodeId, slot, 100, 1, keys),                // 0: created
                Nodes.uptimeProof(nodeId, slot, 120, keys),                  // 1: created
                Nodes.relayProof(nodeId, slot, 100, 1, keys),                // 2: the same as 0: already stored
                Nodes.relayProof(nodeId, slot, 200, 1, keys),                // 3: same id, other value: conflict
                Nodes.uptimeProof(nodeId, slot - 1, 120, new NodeKeys()),    // 4: bad signature
                Nodes.uptimeProof(nodeId, slot + 5, 120, keys),              // 5: out of the window
                "{\"node_id\":\"" + nodeId + "\"}");                        // 6: incomplete
        Answer answer = api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[" + String.join(",", proofs) + "]}", stack.adminToken());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode results = answer.json().path("results");
        assertThat(results).hasSize(7);
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.path("status").asInt()));
        assertThat(statuses).containsExactly(201, 201, 200, 409, 401, 422, 422);
        assertThat(results.get(3).path("code").asText()).isEqualTo("proof_conflict");
        assertThat(results.get(6).path("errors").findValuesAsText("field")).contains("slot", "type", "value", "signature");
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(answer.json().path("rejected").asInt()).isEqualTo(4);
        assertThat(db.storedEventsOf(nodeId + ":" + slot + ":relay_bandwidth")).isEqualTo(1);
        assertThat(db.storedEventsOf(nodeId + ":" + slot + ":uptime_beacon")).isEqualTo(1);
    }

    @Test
    void aNodeTokenBatchMayOnlyCarryItsOwnNodesProofs() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_batch_", keys);
        NodeKeys otherKeys = new NodeKeys();
        String other = nodes.register("node_batch_", otherKeys);
        long slot = Nodes.currentSlot();
        String body = "{\"proofs\":[" + Nodes.relayProof(nodeId, slot, 1, 1, keys) + "," + Nodes.relayProof(other, slot, 1, 1, otherKeys) + "]}";
        Answer answer = api.post("/api/v1/poot/proofs/batch", body, tokens.node(nodeId));
        assertThat(answer.json().path("results").findValuesAsText("code")).containsExactly("created", "forbidden");
        assertThat(db.storedEventsOf(other + ":" + slot + ":relay_bandwidth")).isZero();
    }

    @Test
    void aBatchOfMoreThanAThousandIsRefusedWhole() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_batch_", keys);
        String proof = Nodes.relayProof(nodeId, Nodes.currentSlot(), 1, 1, keys);
        StringJoiner body = new StringJoiner(",", "{\"proofs\":[", "]}");
        IntStream.range(0, 1001).forEach(i -> body.add(proof));
        long before = proofEvents();
        expectProblem(api.post("/api/v1/poot/proofs/batch", body.toString(), stack.adminToken()), 422, "batch_too_large");
        expectProblem(api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[]}", stack.adminToken()), 422, "validation_failed");
        assertThat(proofEvents()).isEqualTo(before);
    }

    @Test
    void aThousandProofsOfManyNodesInOneBatchAreAllStored() {
        long slot = Nodes.currentSlot();
        StringJoiner body = new StringJoiner(",", "{\"proofs\":[", "]}");
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 125; n++) {
            NodeKeys keys = new NodeKeys();
            String nodeId = nodes.register("node_many_", keys);
            for (int s = 0; s < 4; s++) {
                body.add(Nodes.relayProof(nodeId, slot - s, 1000 + s, 1, keys));
                body.add(Nodes.uptimeProof(nodeId, slot - s, 60, keys));
                ids.add(nodeId + ":" + (slot - s) + ":relay_bandwidth");
            }
        }
        Answer answer = api.post("/api/v1/poot/proofs/batch", body.toString(), stack.adminToken());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asInt()).as(answer.body()).isEqualTo(1000);
        assertThat(db.number("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY (?)",
                (Object) ids.toArray(String[]::new))).isEqualTo(500);
    }

    @Test
    void fiftyConcurrentSubmissionsOfOneProofStoreItOnce() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_race_", keys);
        long slot = Nodes.currentSlot();
        String proof = Nodes.relayProof(nodeId, slot, 4096, 1, keys);
        String token = tokens.node(nodeId);
        List<Integer> statuses = Concurrently.run(50, i -> api.post("/api/v1/poot/proofs", proof, token).status());
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(db.storedEventsOf(nodeId + ":" + slot + ":relay_bandwidth")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentBatchesWithOverlappingProofsStoreEachOnce() {
        long slot = Nodes.currentSlot();
        List<NodeKeys> keys = new ArrayList<>();
        List<String> nodeIds = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            keys.add(new NodeKeys());
            nodeIds.add(nodes.register("node_overlap_", keys.get(n)));
        }
        // Every batch carries the same 10 proofs (one per node) in a different order, plus one proof of its own.
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            List<String> proofs = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                int k = (n + b) % 10;
                proofs.add(Nodes.uptimeProof(nodeIds.get(k), slot, 100, keys.get(k)));
            }
            int own = b % 10;
            proofs.add(Nodes.relayProof(nodeIds.get(own), slot - 1 - b / 10, 7, 1, keys.get(own)));
            bodies.add("{\"proofs\":[" + String.join(",", proofs) + "]}");
        }
        List<Answer> answers = Concurrently.run(bodies.size(), i -> api.post("/api/v1/poot/proofs/batch", bodies.get(i), stack.adminToken()));
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        assertThat(answers).allSatisfy(a -> assertThat(a.json().path("rejected").asInt()).as(a.body()).isZero());
        for (String nodeId : nodeIds) {
            assertThat(db.storedEventsOf(nodeId + ":" + slot + ":uptime_beacon")).isEqualTo(1);
        }
        long created = answers.stream().mapToLong(a -> a.json().path("results").findValuesAsText("code").stream()
                .filter("created"::equals).count()).sum();
        assertThat(created).isEqualTo(10 + 50);
    }
}
