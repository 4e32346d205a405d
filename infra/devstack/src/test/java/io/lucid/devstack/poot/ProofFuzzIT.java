package io.lucid.devstack.poot;

import static io.lucid.devstack.node.Answers.neverAServerError;
import static io.lucid.devstack.node.Answers.rejectionsStoredNothing;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.node.Fuzz;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.NodeStackClients;
import io.lucid.devstack.node.Nodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed and boundary proofs, single and in batches: never a 5xx, never an event for a rejected proof. */
class ProofFuzzIT extends NodeStackClients {

    @Test
    void singleProofsSurviveStrangeBodies() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_pfuzz_", keys);
        String token = tokens.node(nodeId);
        String valid = Nodes.relayProof(nodeId, Nodes.currentSlot(), 5000, 2, keys);
        long before = db.storedEvents();
        List<Answer> answers = new ArrayList<>();
        for (String body : Fuzz.mutations(valid)) {
            answers.add(api.post("/api/v1/poot/proofs", body, token));
        }
        for (String body : Fuzz.malformed()) {
            answers.add(api.post("/api/v1/poot/proofs", body, token));
        }
        neverAServerError(answers);
        rejectionsStoredNothing(answers, before, db.storedEvents());
    }

    @Test
    void batchesSurviveStrangeItemsAndShapes() {
        NodeKeys keys = new NodeKeys();
        String nodeId = nodes.register("node_pfuzz_", keys);
        String admin = tokens.of("ADMIN", "fuzzer");
        String valid = Nodes.uptimeProof(nodeId, Nodes.currentSlot(), 60, keys);
        long before = db.storedEvents();
        List<Answer> answers = new ArrayList<>();
        List<String> items = Fuzz.mutations(valid);
        answers.add(api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[" + String.join(",", items) + "]}", admin));
        for (String body : Fuzz.malformed()) {
            answers.add(api.post("/api/v1/poot/proofs/batch", body, admin));
            answers.add(api.post("/api/v1/poot/proofs/batch", "{\"proofs\":" + body + "}", admin));
            answers.add(api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[" + body + "]}", admin));
        }
        answers.add(api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[null,null]}", admin));
        neverAServerError(answers);
        long acceptedItems = answers.stream().filter(a -> a.status() == 200 && a.json() != null)
                .mapToLong(a -> a.json().path("accepted").asLong()).sum();
        assertThat(db.storedEvents() - before).isLessThanOrEqualTo(acceptedItems);
    }
}
