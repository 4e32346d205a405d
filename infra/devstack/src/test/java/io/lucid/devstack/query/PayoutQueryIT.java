package io.lucid.devstack.query;

import static io.lucid.devstack.api.QueryClient.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.QueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.api.QueryClient.Read;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payout read side (DOMAIN.md section 5): payouts created from calculations (as an epoch close hands them to the
 * command side) and moved through their lifecycle over command-api are served at {@code /api/v1/payouts/{id}} with
 * their amounts, attempts and outcome, and listed newest first at {@code /api/v1/payouts}, filtered by state, node
 * and epoch.
 */
class PayoutQueryIT extends ReadSideFixtures {

    private static Derived derived;

    @BeforeAll
    static void producer() {
        derived = new Derived(stack);
    }

    @AfterAll
    static void closeProducer() {
        derived.close();
    }

    /** An epoch no other test pays: payouts of real epochs never reach these numbers within a test run. */
    private static long uniqueEpoch() {
        return ThreadLocalRandom.current().nextLong(100_000, 900_000_000);
    }

    private static JsonNode awaitPayout(String payoutId, String state) {
        return query.awaitEntity("/api/v1/payouts/" + payoutId, admin(), p -> state.equals(p.path("state").asText()));
    }

    private static void step(String payoutId, String action, String body) {
        Answer answer = api.post("/api/v1/payouts/" + payoutId + "/" + action, body, admin());
        assertThat(answer.status()).as(action + " " + answer).isEqualTo(200);
    }

    @Test
    void aCreatedPayoutIsServedWithItsAmountsAndWallet() {
        String nodeId = register("node_qpay_", Hw.BASIC).nodeId();
        long epoch = uniqueEpoch();
        String payoutId = "payout_" + epoch + "_" + nodeId;
        derived.payoutCalculation(epoch, nodeId, 25_000_000);

        JsonNode payout = awaitPayout(payoutId, "PENDING");

        assertThat(payout.path("payout_id").asText()).isEqualTo(payoutId);
        assertThat(payout.path("node_id").asText()).isEqualTo(nodeId);
        assertThat(payout.path("epoch").asLong()).isEqualTo(epoch);
        assertThat(payout.path("gross").asLong()).isEqualTo(25_000_000);
        assertThat(payout.path("fee").asLong()).isEqualTo(250_000);
        assertThat(payout.path("net").asLong()).isEqualTo(24_750_000);
        assertThat(payout.path("wallet_address").asText()).isEqualTo(Nodes.WALLET);
        assertThat(payout.path("attempt").asInt()).isEqualTo(1);
        assertThat(payout.path("retry_count").asInt()).isZero();
        assertThat(payout.path("tx_hash").isNull()).isTrue();
        assertThat(payout.path("created_at").asText()).isNotBlank();
    }

    @Test
    void eachLifecycleStepIsServed() {
        String nodeId = register("node_qpay_", Hw.BASIC).nodeId();
        long epoch = uniqueEpoch();
        String completed = "payout_" + epoch + "_" + nodeId;
        String retried = "payout_" + (epoch + 1) + "_" + nodeId;
        String cancelled = "payout_" + (epoch + 2) + "_" + nodeId;
        derived.payoutCalculation(epoch, nodeId, 12_000_000);
        derived.payoutCalculation(epoch + 1, nodeId, 15_000_000);
        derived.payoutCalculation(epoch + 2, nodeId, 11_000_000);
        List.of(completed, retried, cancelled).forEach(id -> awaitPayout(id, "PENDING"));

        step(completed, "start", null);
        assertThat(awaitPayout(completed, "PROCESSING").path("started_at").asText()).isNotBlank();
        step(completed, "complete", "{\"tx_hash\":\"7c2a9fd0e1\"}");
        step(retried, "start", null);
        step(retried, "fail", "{\"reason\":\"energy exhausted\"}");
        JsonNode failed = awaitPayout(retried, "FAILED");
        step(retried, "retry", null);
        step(cancelled, "cancel", "{\"reason\":\"wallet frozen\"}");

        JsonNode done = awaitPayout(completed, "COMPLETED");
        assertThat(done.path("tx_hash").asText()).isEqualTo("7c2a9fd0e1");
        assertThat(done.path("completed_at").asText()).isNotBlank();
        assertThat(failed.path("failure_reason").asText()).isEqualTo("energy exhausted");
        assertThat(failed.path("failed_at").asText()).isNotBlank();
        JsonNode again = awaitPayout(retried, "PENDING");
        assertThat(again.path("attempt").asInt()).as(again.toString()).isEqualTo(2);
        assertThat(again.path("retry_count").asInt()).isEqualTo(1);
        assertThat(again.path("failure_reason").asText()).isEqualTo("energy exhausted");
        JsonNode gone = awaitPayout(cancelled, "CANCELLED");
        assertThat(gone.path("cancel_reason").asText()).isEqualTo("wallet frozen");
        assertThat(gone.path("cancelled_at").asText()).isNotBlank();
    }

    @Test
    void thePayoutListFiltersByStateNodeAndEpochNewestFirst() {
        String one = register("node_qpayl_", Hw.BASIC).nodeId();
        String two = register("node_qpayl_", Hw.BASIC).nodeId();
        long epoch = uniqueEpoch();
        String oneFirst = "payout_" + epoch + "_" + one;
        String twoFirst = "payout_" + epoch + "_" + two;
        String oneSecond = "payout_" + (epoch + 1) + "_" + one;
        derived.payoutCalculation(epoch, one, 20_000_000);
        derived.payoutCalculation(epoch, two, 30_000_000);
        awaitPayout(oneFirst, "PENDING");
        derived.payoutCalculation(epoch + 1, one, 40_000_000);
        List.of(twoFirst, oneSecond).forEach(id -> awaitPayout(id, "PENDING"));
        step(twoFirst, "cancel", null);
        awaitPayout(twoFirst, "CANCELLED");

        assertThat(ids("epoch=" + epoch)).containsExactlyInAnyOrder(oneFirst, twoFirst);
        // one's payouts come from the same partition in order: the second was created after the first
        assertThat(ids("node_id=" + one)).containsExactly(oneSecond, oneFirst);
        assertThat(ids("node_id=" + one + "&epoch=" + (epoch + 1))).containsExactly(oneSecond);
        assertThat(ids("state=CANCELLED&epoch=" + epoch)).containsExactly(twoFirst);
        assertThat(ids("state=PENDING&epoch=" + epoch)).containsExactly(oneFirst);
        List<JsonNode> cancelledAnywhere = query.all("/api/v1/payouts", "state=CANCELLED&limit=100", admin());
        assertThat(cancelledAnywhere).allMatch(p -> p.path("state").asText().equals("CANCELLED"));
        assertThat(texts(cancelledAnywhere, "payout_id")).contains(twoFirst).doesNotContain(oneFirst, oneSecond);

        List<JsonNode> all = query.all("/api/v1/payouts", "limit=7", admin());
        assertThat(texts(all, "payout_id")).doesNotHaveDuplicates().contains(oneFirst, twoFirst, oneSecond);
        assertThat(texts(all, "created_at")).isSortedAccordingTo(Comparator.reverseOrder());
    }

    private static List<String> ids(String filter) {
        return texts(query.all("/api/v1/payouts", filter + "&limit=1", admin()), "payout_id");
    }

    @Test
    void badPayoutFiltersAre400AndAnUnknownPayoutIs404() {
        assertThat(query.get("/api/v1/payouts?state=DONE", admin()).errorField()).isEqualTo("state");
        assertThat(query.get("/api/v1/payouts?state=pending", admin()).errorField()).isEqualTo("state");
        assertThat(query.get("/api/v1/payouts?epoch=last", admin()).errorField()).isEqualTo("epoch");
        assertThat(query.get("/api/v1/payouts?epoch=99999999999999999999", admin()).errorField()).isEqualTo("epoch");
        assertThat(query.get("/api/v1/payouts?wallet=T", admin()).errorField()).isEqualTo("wallet");
        Read unknown = query.get("/api/v1/payouts/payout_1_node_never_paid_" + Nodes.unique(), admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("payout_not_found");
    }
}
