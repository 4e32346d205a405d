package io.lucid.devstack.query;

import static io.lucid.devstack.api.QueryClient.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.QueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.api.QueryClient.Read;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who reads what on the node, pool, PoOT and payout views (DOMAIN.md section 7): ADMIN, OPERATOR and AUDITOR read
 * everything; a NODE token reads its own node, score, payouts and pool membership, another node's row answering 404
 * exactly like a missing one, and its lists hold its own rows only; NODE and DEVICE tokens may not read pools or
 * tallies (403), a DEVICE token no node, score or payout; without a token every read is 401.
 */
class QueryAccessIT extends ReadSideFixtures {

    private static Registered own;
    private static Registered other;
    private static String ownPayout;
    private static String otherPayout;
    private static String poolId;
    private static long tallyEpoch;

    @BeforeAll
    static void nodesWithPoolsScoresAndPayouts() {
        own = register("node_qacc_", Hw.STANDARD);
        other = register("node_qacc_", Hw.STANDARD);
        long slot = Nodes.currentSlot();
        for (Registered node : List.of(own, other)) {
            command(node.nodeId(), "activate");
            prove(node.nodeId(), Nodes.relayProof(node.nodeId(), slot, 1, 2, node.keys()));
            prove(node.nodeId(), Nodes.uptimeProof(node.nodeId(), slot, 60, node.keys()));
        }
        long epoch = ThreadLocalRandom.current().nextLong(100_000, 900_000_000);
        ownPayout = "payout_" + epoch + "_" + own.nodeId();
        otherPayout = "payout_" + epoch + "_" + other.nodeId();
        tallyEpoch = ThreadLocalRandom.current().nextLong(500, 600);
        try (Derived derived = new Derived(stack)) {
            derived.payoutCalculation(epoch, own.nodeId(), 20_000_000);
            derived.payoutCalculation(epoch, other.nodeId(), 20_000_000);
            // A tally is served once its EpochTallied is in; the rewards summary follows it on the same key.
            java.time.Instant end = java.time.Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400 * (tallyEpoch + 1));
            derived.tallyRecord(tallyEpoch, io.lucid.events.poot.EpochTallied.newBuilder().setEpoch(tallyEpoch)
                    .setEpochStart(end.minusSeconds(86_400)).setEpochEnd(end).setWindowFirstEpoch(tallyEpoch - 6)
                    .setWindowSeconds(604_800).setNodes(List.of()).setEligibleCount(0).setTotalWeight(0)
                    .setTalliedAt(java.time.Instant.now()).build(), 0);
            derived.tallyRecord(tallyEpoch, io.lucid.events.poot.EpochRewardsDistributed.newBuilder()
                    .setEpoch(tallyEpoch).setPool(0).setDistributed(0).setCarriedRemainder(0).setEligibleCount(0)
                    .setCalculatedAt(java.time.Instant.now()).build(), 1);
        }
        for (Registered node : List.of(own, other)) {
            query.awaitEntity("/api/v1/nodes/" + node.nodeId(), admin(), n -> n.path("pool_id").isTextual()
                    && n.path("score").path("uptime_seconds").asLong() == 60);
            query.awaitEntity("/api/v1/poot/scores/" + node.nodeId(), admin(), s -> s.path("proof_count").asInt() == 2);
        }
        poolId = query.get("/api/v1/nodes/" + own.nodeId(), admin()).json().path("pool_id").asText();
        query.awaitEntity("/api/v1/payouts/" + ownPayout, admin(), p -> "PENDING".equals(p.path("state").asText()));
        query.awaitEntity("/api/v1/payouts/" + otherPayout, admin(), p -> "PENDING".equals(p.path("state").asText()));
        query.awaitEntity("/api/v1/poot/tallies/" + tallyEpoch, admin(), t -> true);
        query.awaitRead("/api/v1/pools/" + poolId + "/members?limit=100", admin(),
                r -> texts(query.all("/api/v1/pools/" + poolId + "/members", "limit=100", admin()), "node_id")
                        .contains(own.nodeId()));
    }

    private List<String> everyPath() {
        return List.of("/api/v1/nodes", "/api/v1/nodes/" + own.nodeId(), "/api/v1/nodes/" + other.nodeId(),
                "/api/v1/pools", "/api/v1/pools/" + poolId, "/api/v1/pools/" + poolId + "/members",
                "/api/v1/poot/scores", "/api/v1/poot/scores/" + other.nodeId(), "/api/v1/poot/leaderboard",
                "/api/v1/poot/tallies", "/api/v1/poot/tallies/" + tallyEpoch, "/api/v1/payouts",
                "/api/v1/payouts/" + otherPayout);
    }

    private static void expect(String path, String token, int status, String code) {
        Read reply = query.get(path, token);
        assertThat(reply.status()).as("GET %s -> %s", path, reply).isEqualTo(status);
        if (code != null) {
            assertThat(reply.code()).as("GET %s -> %s", path, reply).isEqualTo(code);
        }
    }

    @Test
    void adminOperatorAndAuditorReadEveryNodePoolScoreTallyAndPayout() {
        for (String role : List.of("ADMIN", "OPERATOR", "AUDITOR")) {
            String token = tokens.of(role, "it-reader-" + role.toLowerCase());
            for (String path : everyPath()) {
                expect(path, token, 200, null);
            }
            assertThat(texts(query.all("/api/v1/pools/" + poolId + "/members", "limit=100", token), "node_id"))
                    .as(role).contains(own.nodeId());
            assertThat(texts(query.all("/api/v1/payouts", "node_id=" + other.nodeId(), token), "payout_id"))
                    .as(role).containsExactly(otherPayout);
        }
    }

    @Test
    void aNodeTokenReadsItsOwnNodeScoreAndPayout() {
        String token = tokens.node(own.nodeId());

        assertThat(query.get("/api/v1/nodes/" + own.nodeId(), token).json().path("node_id").asText())
                .isEqualTo(own.nodeId());
        expect("/api/v1/poot/scores/" + own.nodeId(), token, 200, null);
        expect("/api/v1/payouts/" + ownPayout, token, 200, null);
    }

    @Test
    void anotherNodesRowsAnswerANodeToken404LikeMissingOnes() {
        String token = tokens.node(own.nodeId());

        expect("/api/v1/nodes/" + other.nodeId(), token, 404, "node_not_found");
        expect("/api/v1/nodes/node_never_" + Nodes.unique(), token, 404, "node_not_found");
        expect("/api/v1/poot/scores/" + other.nodeId(), token, 404, "score_not_found");
        expect("/api/v1/payouts/" + otherPayout, token, 404, "payout_not_found");
        Read hidden = query.get("/api/v1/nodes/" + other.nodeId(), token);
        Read missing = query.get("/api/v1/nodes/node_never_" + Nodes.unique(), token);
        assertThat(hidden.body().replace(other.nodeId(), "X"))
                .isEqualTo(missing.body().replaceAll("node_never_[0-9a-f]{12}", "X"));
    }

    @Test
    void aNodeTokensListsHoldOnlyItsOwnRows() {
        String token = tokens.node(own.nodeId());

        assertThat(texts(query.all("/api/v1/nodes", "limit=100", token), "node_id")).containsExactly(own.nodeId());
        assertThat(texts(query.all("/api/v1/nodes", "limit=1", token),
                "node_id")).containsExactly(own.nodeId());
        assertThat(texts(query.all("/api/v1/poot/scores", "limit=100", token), "node_id"))
                .containsExactly(own.nodeId());
        List<JsonNode> board = query.all("/api/v1/poot/leaderboard", "limit=100", token);
        assertThat(texts(board, "node_id")).containsExactly(own.nodeId());
        List<JsonNode> payouts = query.all("/api/v1/payouts", "limit=100", token);
        assertThat(payouts).allMatch(p -> p.path("node_id").asText().equals(own.nodeId()));
        assertThat(texts(payouts, "payout_id")).contains(ownPayout).doesNotContain(otherPayout);
        assertThat(texts(query.all("/api/v1/payouts", "node_id=" + other.nodeId(), token), "payout_id")).isEmpty();
        assertThat(texts(query.all("/api/v1/pools/" + poolId + "/members", "limit=100", token), "node_id"))
                .containsExactly(own.nodeId());
    }

    @Test
    void nodeAndDeviceTokensMayNotReadPoolsOrTallies() {
        for (String token : List.of(tokens.node(own.nodeId()), tokens.of("DEVICE", "device-" + Nodes.unique()))) {
            for (String path : List.of("/api/v1/pools", "/api/v1/pools/" + poolId, "/api/v1/poot/tallies",
                    "/api/v1/poot/tallies/" + tallyEpoch, "/api/v1/poot/tallies/1")) {
                expect(path, token, 403, "forbidden");
            }
        }
    }

    @Test
    void aDeviceTokenMayNotReadNodesScoresOrPayouts() {
        String token = tokens.of("DEVICE", "device-" + Nodes.unique());
        for (String path : List.of("/api/v1/nodes", "/api/v1/nodes/" + own.nodeId(), "/api/v1/poot/scores",
                "/api/v1/poot/scores/" + own.nodeId(), "/api/v1/poot/leaderboard", "/api/v1/payouts",
                "/api/v1/payouts/" + ownPayout, "/api/v1/pools/" + poolId + "/members")) {
            expect(path, token, 403, "forbidden");
        }
    }

    @Test
    void aNodeTokenWithoutANodeIdClaimReadsNoNode() {
        String token = tokens.of("NODE", "agent-without-node");
        for (String path : List.of("/api/v1/nodes", "/api/v1/nodes/" + own.nodeId(), "/api/v1/payouts")) {
            Read reply = query.get(path, token);
            assertThat(reply.status()).as("GET %s -> %s", path, reply).isIn(403, 404);
        }
    }

    @Test
    void everyReadWithoutAValidTokenIs401() {
        for (String path : everyPath()) {
            expect(path, null, 401, null);
            expect(path, "not-a-jwt", 401, null);
        }
    }
}
