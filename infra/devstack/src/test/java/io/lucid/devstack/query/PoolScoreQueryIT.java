package io.lucid.devstack.query;

import static io.lucid.devstack.api.QueryClient.find;
import static io.lucid.devstack.api.QueryClient.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lucid.devstack.api.QueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.api.QueryClient.Read;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The pool and PoOT read sides (DOMAIN.md sections 5 and 6): nodes activated over command-api join a pool of their
 * tier, served at {@code /api/v1/pools}, {@code /pools/{id}}, {@code /pools/{id}/members} and in the node's own
 * view; signed proofs become the node's score at {@code /poot/scores/{node_id}} and its place on the ranked
 * {@code /poot/leaderboard}; an epoch's tally is served at {@code /poot/tallies/{epoch}}.
 */
class PoolScoreQueryIT extends ReadSideFixtures {

    private static final long WINDOW_SECONDS = 7 * 86_400;

    private static JsonNode awaitNode(String nodeId, java.util.function.Predicate<JsonNode> condition) {
        return query.awaitEntity("/api/v1/nodes/" + nodeId, admin(), condition);
    }

    private static String awaitPool(String nodeId) {
        return awaitNode(nodeId, n -> n.path("pool_id").isTextual()).path("pool_id").asText();
    }

    private static List<String> members(String poolId) {
        return texts(query.all("/api/v1/pools/" + poolId + "/members", "limit=100", admin()), "node_id");
    }

    @Test
    void activatedNodesJoinAPoolOfTheirTierServedWithItsMembers() {
        List<Registered> mine = List.of(register("node_qpool_", Hw.STANDARD), register("node_qpool_", Hw.STANDARD),
                register("node_qpool_", Hw.STANDARD));
        mine.forEach(node -> command(node.nodeId(), "activate"));
        List<String> pools = mine.stream().map(node -> awaitPool(node.nodeId())).toList();
        assertThat(pools).allMatch(p -> p.matches("pool_standard_\\d+"));
        String poolId = pools.get(0);

        JsonNode pool = query.awaitEntity("/api/v1/pools/" + poolId, admin(),
                p -> p.path("member_count").asInt() == members(poolId).size());
        assertThat(pool.path("pool_id").asText()).isEqualTo(poolId);
        assertThat(pool.path("tier").asText()).isEqualTo("standard");
        assertThat(pool.path("number").asInt()).isEqualTo(Integer.parseInt(poolId.substring("pool_standard_".length())));
        assertThat(pool.path("capacity").asInt()).isEqualTo(100);
        assertThat(pool.path("created_at").asText()).isNotBlank();

        List<JsonNode> listed = query.all("/api/v1/pools/" + poolId + "/members", "limit=2", admin());
        assertThat(texts(listed, "node_id")).doesNotHaveDuplicates().isSorted();
        for (int i = 0; i < mine.size(); i++) {
            if (pools.get(i).equals(poolId)) {
                JsonNode member = find(listed, "node_id", mine.get(i).nodeId()).orElseThrow();
                assertThat(member.path("pool_id").asText()).isEqualTo(poolId);
                assertThat(member.path("tier").asText()).isEqualTo("standard");
                assertThat(member.path("reason").asText()).isEqualTo("activated");
            }
        }
        assertThat(listed).allMatch(m -> m.path("pool_id").asText().equals(poolId));
    }

    @Test
    void aPoolsStatusFollowsItsMemberCount() {
        List<Registered> mine = List.of(register("node_qstat_", Hw.STANDARD), register("node_qstat_", Hw.STANDARD),
                register("node_qstat_", Hw.STANDARD));
        mine.forEach(node -> command(node.nodeId(), "activate"));
        String poolId = awaitPool(mine.get(0).nodeId());

        // No node can be eligible within a test (uptime >= W / 5 takes a day of beacons), so a pool of 3 or more
        // members has fewer than 3 healthy eligible ones: DEGRADED; below 3 it is FORMING (DOMAIN.md section 6).
        JsonNode pool = query.awaitEntity("/api/v1/pools/" + poolId, admin(), p -> {
            int count = p.path("member_count").asInt();
            String status = p.path("status").asText();
            return count == members(poolId).size() && status.equals(count < 3 ? "FORMING" : "DEGRADED");
        });
        assertThat(pool.path("leader_node_id").isNull()).as(pool.toString()).isTrue();
    }

    @Test
    void thePoolListFiltersByTierAndStatusInNumberOrder() {
        Registered basic = register("node_qplst_", Hw.BASIC);
        Registered high = register("node_qplst_", Hw.HIGH);
        command(basic.nodeId(), "activate");
        command(high.nodeId(), "activate");
        String basicPool = awaitPool(basic.nodeId());
        String highPool = awaitPool(high.nodeId());
        query.awaitEntity("/api/v1/pools/" + highPool, admin(), p -> p.path("status").isTextual());

        List<JsonNode> all = query.all("/api/v1/pools", "limit=1", admin());
        assertThat(texts(all, "pool_id")).doesNotHaveDuplicates().contains(basicPool, highPool);
        List<Integer> numbers = all.stream().map(p -> p.path("number").asInt()).toList();
        assertThat(numbers).isSorted();

        List<JsonNode> basicPools = query.all("/api/v1/pools", "tier=basic", admin());
        assertThat(basicPools).allMatch(p -> p.path("tier").asText().equals("basic"));
        assertThat(texts(basicPools, "pool_id")).contains(basicPool).doesNotContain(highPool);

        String status = query.get("/api/v1/pools/" + highPool, admin()).json().path("status").asText();
        List<JsonNode> byStatus = query.all("/api/v1/pools", "status=" + status + "&tier=high_performance", admin());
        assertThat(byStatus).allMatch(p -> p.path("status").asText().equals(status)
                && p.path("tier").asText().equals("high_performance"));
        assertThat(texts(byStatus, "pool_id")).contains(highPool);

        assertThat(query.get("/api/v1/pools?tier=gold", admin()).errorField()).isEqualTo("tier");
        assertThat(query.get("/api/v1/pools?status=FULLISH", admin()).errorField()).isEqualTo("status");
        Read unknown = query.get("/api/v1/pools/pool_basic_999999", admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("pool_not_found");
    }

    @Test
    void aDeactivatedNodeLeavesItsPoolAndTheMemberList() {
        Registered node = register("node_qleave_", Hw.BASIC);
        command(node.nodeId(), "activate");
        String poolId = awaitPool(node.nodeId());
        query.awaitRead("/api/v1/pools/" + poolId + "/members?limit=100", admin(), r -> r.status() == 200
                && members(poolId).contains(node.nodeId()));

        command(node.nodeId(), "deactivate");

        awaitNode(node.nodeId(), n -> n.path("pool_id").isNull() && n.path("status").asText().equals("INACTIVE"));
        query.awaitRead("/api/v1/pools/" + poolId, admin(), r -> !members(poolId).contains(node.nodeId()));
        assertThat(query.all("/api/v1/nodes", "pool_id=" + poolId + "&limit=100", admin()))
                .noneMatch(n -> n.path("node_id").asText().equals(node.nodeId()));
    }

    @Test
    void aTierChangeMovesTheNodeToAPoolOfItsNewTier() {
        Registered node = register("node_qmove_", Hw.BASIC);
        command(node.nodeId(), "activate");
        String basicPool = awaitPool(node.nodeId());
        assertThat(basicPool).startsWith("pool_basic_");

        String hardware = """
                {"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000}""";
        assertThat(new Nodes(stack, api).put("/api/v1/nodes/" + node.nodeId() + "/hardware", hardware, admin())
                .status()).isEqualTo(200);

        JsonNode moved = awaitNode(node.nodeId(), n -> n.path("pool_id").asText("").startsWith("pool_high_performance_"));
        assertThat(moved.path("tier").asText()).isEqualTo("high_performance");
        String highPool = moved.path("pool_id").asText();
        JsonNode member = query.awaitRead("/api/v1/pools/" + highPool + "/members?limit=100", admin(),
                r -> find(query.all("/api/v1/pools/" + highPool + "/members", "limit=100", admin()), "node_id",
                        node.nodeId()).isPresent()).json();
        assertThat(member).isNotNull();
        JsonNode row = find(query.all("/api/v1/pools/" + highPool + "/members", "limit=100", admin()), "node_id",
                node.nodeId()).orElseThrow();
        assertThat(row.path("reason").asText()).isEqualTo("tier_changed");
        assertThat(row.path("tier").asText()).isEqualTo("high_performance");
        assertThat(members(basicPool)).doesNotContain(node.nodeId());
    }

    @Test
    void signedProofsBecomeTheNodesScoreWithEveryInput() {
        Registered node = register("node_qscore_", Hw.BASIC);
        long slot = Nodes.currentSlot();
        long epoch = Nodes.TIME_BASE.epochOfSlot(slot);
        // relay: max(1, ceil(10 MiB / 5 MiB)) = 2; storage: floor(2^30 * 10 / 2^30) + 2 * 3 = 16; validation 5 * 2 = 10
        prove(node.nodeId(), Nodes.relayProof(node.nodeId(), slot, 10_485_760, 1, node.keys()));
        prove(node.nodeId(), Proofs.storage(node.nodeId(), slot, 3, 1L << 30, node.keys()));
        prove(node.nodeId(), Proofs.validation(node.nodeId(), slot, 2, node.keys()));
        prove(node.nodeId(), Nodes.uptimeProof(node.nodeId(), slot, 90, node.keys()));

        JsonNode score = query.awaitEntity("/api/v1/poot/scores/" + node.nodeId(), admin(),
                s -> s.path("proof_count").asInt() == 4);

        assertThat(score.path("node_id").asText()).isEqualTo(node.nodeId());
        assertThat(score.path("epoch").asLong()).isEqualTo(epoch);
        assertThat(score.path("window_first_epoch").asLong()).isEqualTo(epoch - 6);
        assertThat(score.path("relay_credits").asLong()).isEqualTo(2);
        assertThat(score.path("storage_credits").asLong()).isEqualTo(16);
        assertThat(score.path("validation_credits").asLong()).isEqualTo(10);
        assertThat(score.path("credits_total").asLong()).isEqualTo(28);
        assertThat(score.path("uptime_seconds").asLong()).isEqualTo(90);
        assertThat(score.path("window_seconds").asLong()).isEqualTo(WINDOW_SECONDS);
        assertThat(score.path("weight").asLong()).isEqualTo(28 * 90);
        assertThat(score.path("live_score").asDouble()).isCloseTo(28.0 * 90 / WINDOW_SECONDS, within(1e-9));
        assertThat(score.path("eligible").asBoolean()).isFalse();
        assertThat(score.path("last_proof_id").asText()).startsWith(node.nodeId() + ":" + slot + ":");

        JsonNode inNode = awaitNode(node.nodeId(), n -> n.path("score").path("credits_total").asLong() == 28).path("score");
        assertThat(inNode.path("epoch").asLong()).isEqualTo(epoch);
        assertThat(inNode.path("uptime_seconds").asLong()).isEqualTo(90);
        assertThat(inNode.path("eligible").asBoolean()).isFalse();

        Read missing = query.get("/api/v1/poot/scores/node_never_proved_" + Nodes.unique(), admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("score_not_found");
    }

    @Test
    void theLeaderboardRanksByWeightDescendingWithTiesByNodeId() {
        Registered top = register("node_qlead_", Hw.BASIC);
        Registered tieOne = register("node_qlead_", Hw.BASIC);
        Registered tieTwo = register("node_qlead_", Hw.BASIC);
        long slot = Nodes.currentSlot();
        // top: 16 storage credits * 50 s = 800; the tie: 15 validation credits * 40 s = 600 and 6 relay credits
        // (6 sessions) * 100 s = 600
        prove(top.nodeId(), Proofs.storage(top.nodeId(), slot, 3, 1L << 30, top.keys()));
        prove(top.nodeId(), Nodes.uptimeProof(top.nodeId(), slot, 50, top.keys()));
        prove(tieOne.nodeId(), Proofs.validation(tieOne.nodeId(), slot, 3, tieOne.keys()));
        prove(tieOne.nodeId(), Nodes.uptimeProof(tieOne.nodeId(), slot, 40, tieOne.keys()));
        prove(tieTwo.nodeId(), Nodes.relayProof(tieTwo.nodeId(), slot, 1, 6, tieTwo.keys()));
        prove(tieTwo.nodeId(), Nodes.uptimeProof(tieTwo.nodeId(), slot, 100, tieTwo.keys()));
        for (Registered node : List.of(top, tieOne, tieTwo)) {
            query.awaitEntity("/api/v1/poot/scores/" + node.nodeId(), admin(), s -> s.path("proof_count").asInt() == 2);
        }
        long epoch = query.get("/api/v1/poot/scores/" + top.nodeId(), admin()).json().path("epoch").asLong();

        List<JsonNode> board = query.all("/api/v1/poot/leaderboard", "epoch=" + epoch + "&limit=2", admin());

        for (int i = 0; i < board.size(); i++) {
            assertThat(board.get(i).path("rank").asLong()).as("rank of item %d", i).isEqualTo(i + 1);
            assertThat(board.get(i).path("epoch").asLong()).isEqualTo(epoch);
            if (i > 0) {
                JsonNode before = board.get(i - 1);
                JsonNode after = board.get(i);
                long w0 = before.path("weight").asLong();
                long w1 = after.path("weight").asLong();
                assertThat(w0).as("weights at %d", i).isGreaterThanOrEqualTo(w1);
                if (w0 == w1) {
                    assertThat(before.path("node_id").asText()).isLessThan(after.path("node_id").asText());
                }
            }
        }
        List<String> order = texts(board, "node_id");
        String firstTie = tieOne.nodeId().compareTo(tieTwo.nodeId()) < 0 ? tieOne.nodeId() : tieTwo.nodeId();
        String secondTie = firstTie.equals(tieOne.nodeId()) ? tieTwo.nodeId() : tieOne.nodeId();
        assertThat(order).doesNotHaveDuplicates().containsSubsequence(top.nodeId(), firstTie, secondTie);
        assertThat(find(board, "node_id", top.nodeId()).orElseThrow().path("weight").asLong()).isEqualTo(800);
        assertThat(find(board, "node_id", firstTie).orElseThrow().path("weight").asLong()).isEqualTo(600);
        assertThat(find(board, "node_id", secondTie).orElseThrow().path("weight").asLong()).isEqualTo(600);
        assertThat(query.all("/api/v1/poot/leaderboard", "epoch=" + epoch + "&limit=100", admin()))
                .extracting(n -> n.path("node_id").asText()).isEqualTo(order);

        assertThat(query.all("/api/v1/poot/leaderboard", "eligible=true&limit=100", admin()))
                .allMatch(n -> n.path("eligible").asBoolean())
                .noneMatch(n -> n.path("node_id").asText().startsWith("node_qlead_"));
        assertThat(query.get("/api/v1/poot/leaderboard?eligible=yes", admin()).errorField()).isEqualTo("eligible");
        assertThat(query.get("/api/v1/poot/leaderboard?epoch=latest", admin()).errorField()).isEqualTo("epoch");
    }

    @Test
    void theScoreListIsByNodeIdAndFiltersByEpochAndEligibility() {
        Registered node = register("node_qslst_", Hw.BASIC);
        long slot = Nodes.currentSlot();
        prove(node.nodeId(), Nodes.relayProof(node.nodeId(), slot, 1, 1, node.keys()));
        long epoch = query.awaitEntity("/api/v1/poot/scores/" + node.nodeId(), admin(), s -> true).path("epoch").asLong();

        List<JsonNode> scores = query.all("/api/v1/poot/scores", "epoch=" + epoch + "&eligible=false&limit=3", admin());

        assertThat(texts(scores, "node_id")).doesNotHaveDuplicates().isSorted().contains(node.nodeId());
        assertThat(scores).allMatch(s -> s.path("epoch").asLong() == epoch && !s.path("eligible").asBoolean());
        assertThat(texts(query.all("/api/v1/poot/scores", "epoch=" + (epoch - 1), admin()), "node_id"))
                .doesNotContain(node.nodeId());
    }

    @Test
    void anEpochsTallyIsServedWithItsRankingAndRewards() {
        // Epochs last 24 h and close 2 h after their end: no test sees a real close, so the test writes the records
        // a close of a long-past epoch would write (no real tally exists for it) and reads them back.
        long epoch = ThreadLocalRandom.current().nextLong(10, 500);
        Registered first = register("node_qtally_", Hw.BASIC);
        Registered second = register("node_qtally_", Hw.BASIC);
        Registered unranked = register("node_qtally_", Hw.BASIC);
        Instant start = Nodes.TIME_BASE.slotStart(epoch * Nodes.TIME_BASE.slotsPerEpoch());
        Instant end = Nodes.TIME_BASE.slotStart((epoch + 1) * Nodes.TIME_BASE.slotsPerEpoch());
        List<NodeTally> nodes = new ArrayList<>(List.of(
                tally(first.nodeId(), 1, 500, 200_000, true),
                tally(second.nodeId(), 2, 300, 150_000, true),
                tally(unranked.nodeId(), null, 10, 100, false)));
        long totalWeight = 500L * 200_000 + 300L * 150_000;
        try (Derived derived = new Derived(stack)) {
            derived.tallyRecord(epoch, EpochTallied.newBuilder().setEpoch(epoch).setEpochStart(start).setEpochEnd(end)
                    .setWindowFirstEpoch(epoch - 6).setWindowSeconds(WINDOW_SECONDS).setNodes(nodes)
                    .setEligibleCount(2).setTotalWeight(totalWeight).setTalliedAt(Instant.now()).build(), 0);
            derived.tallyRecord(epoch, EpochRewardsDistributed.newBuilder().setEpoch(epoch).setPool(1_000_000_000L)
                    .setDistributed(999_999_999L).setCarriedRemainder(1).setEligibleCount(2)
                    .setCalculatedAt(Instant.now()).build(), 1);
        }

        JsonNode tally = query.awaitEntity("/api/v1/poot/tallies/" + epoch, admin(),
                t -> t.path("rewards").isObject() && t.path("entries").isArray());

        assertThat(tally.path("epoch").asLong()).isEqualTo(epoch);
        assertThat(tally.path("window_first_epoch").asLong()).isEqualTo(epoch - 6);
        assertThat(tally.path("window_seconds").asLong()).isEqualTo(WINDOW_SECONDS);
        assertThat(tally.path("eligible_count").asInt()).isEqualTo(2);
        assertThat(tally.path("total_weight").asLong()).isEqualTo(totalWeight);
        List<JsonNode> entries = new ArrayList<>();
        tally.path("entries").forEach(entries::add);
        assertThat(texts(entries, "node_id")).containsExactly(first.nodeId(), second.nodeId(), unranked.nodeId());
        assertThat(entries.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(entries.get(1).path("rank").asInt()).isEqualTo(2);
        assertThat(entries.get(2).path("rank").isNull()).isTrue();
        assertThat(entries.get(0).path("weight").asLong()).isEqualTo(500L * 200_000);
        assertThat(tally.path("rewards").path("pool").asLong()).isEqualTo(1_000_000_000L);
        assertThat(tally.path("rewards").path("distributed").asLong()).isEqualTo(999_999_999L);
        assertThat(tally.path("rewards").path("carried_remainder").asLong()).isEqualTo(1);

        List<JsonNode> tallies = query.all("/api/v1/poot/tallies", "limit=100", admin());
        assertThat(tallies).extracting(t -> t.path("epoch").asLong()).contains(epoch)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Read unknown = query.get("/api/v1/poot/tallies/987654321", admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("tally_not_found");
    }

    private static NodeTally tally(String nodeId, Integer rank, long credits, long uptime, boolean eligible) {
        return NodeTally.newBuilder().setNodeId(nodeId).setRank(rank).setRelayCredits(credits).setStorageCredits(0)
                .setValidationCredits(0).setCreditsTotal(credits).setUptimeSeconds(uptime).setWeight(credits * uptime)
                .setLiveScore((double) credits * uptime / WINDOW_SECONDS).setEligible(eligible).build();
    }
}
