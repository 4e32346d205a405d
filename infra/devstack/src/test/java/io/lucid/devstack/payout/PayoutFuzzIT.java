package io.lucid.devstack.payout;

import static io.lucid.devstack.node.Answers.neverAServerError;
import static io.lucid.devstack.node.Answers.rejectionsStoredNothing;
import static io.lucid.devstack.node.Answers.strangeIds;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.node.Fuzz;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed bodies and strange ids against the payout operator's endpoints: never a 5xx, never a stored event. */
class PayoutFuzzIT {

    private static TestStack stack;
    private static ApiClient api;
    private static Database db;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        db = new Database(stack);
        PayoutIT.startStack();
    }

    @Test
    void aProcessingPayoutSurvivesStrangeBodies() throws Exception {
        String nodeId = new Nodes(stack, api).register("node_payfuzz_", new NodeKeys());
        String payoutId = "payout_950_" + nodeId;
        PayoutIT.calculate(950, nodeId, 50_000_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.storedEventsOf(payoutId) == 1);
        api.post("/api/v1/payouts/" + payoutId + "/start", null, stack.adminToken());
        long before = db.storedEvents();
        List<Answer> answers = new ArrayList<>();
        for (String body : Fuzz.malformed()) {
            answers.add(api.post("/api/v1/payouts/" + payoutId + "/complete", body, stack.adminToken()));
            answers.add(api.post("/api/v1/payouts/" + payoutId + "/fail", body, stack.adminToken()));
        }
        for (String body : Fuzz.mutations("{\"tx_hash\":\"7c2a\",\"reason\":\"because\"}")) {
            answers.add(api.post("/api/v1/payouts/" + payoutId + "/fail", body, stack.adminToken()));
            answers.add(api.post("/api/v1/payouts/" + payoutId + "/complete", body, stack.adminToken()));
        }
        neverAServerError(answers);
        rejectionsStoredNothing(answers, before, db.storedEvents());
    }

    @Test
    void payoutEndpointsSurviveStrangeIdsAndBodies() {
        long before = db.storedEvents();
        List<Answer> answers = new ArrayList<>();
        List<String> ids = new ArrayList<>(strangeIds());
        ids.add("payout_1_node_nobody_here");
        for (String id : ids) {
            for (String action : List.of("start", "complete", "fail", "cancel", "retry")) {
                answers.add(api.post("/api/v1/payouts/" + id + "/" + action, "{\"tx_hash\":\"ab\",\"reason\":\"r\"}", stack.adminToken()));
            }
        }
        for (String body : Fuzz.mutations("{\"tx_hash\":\"7c2a\",\"reason\":\"because\"}")) {
            for (String action : List.of("complete", "fail", "cancel")) {
                answers.add(api.post("/api/v1/payouts/payout_1_node_nobody_here/" + action, body, stack.adminToken()));
            }
        }
        for (String body : Fuzz.malformed()) {
            answers.add(api.post("/api/v1/payouts/payout_1_node_nobody_here/complete", body, stack.adminToken()));
        }
        neverAServerError(answers);
        rejectionsStoredNothing(answers, before, db.storedEvents());
    }
}
