package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.streams.pool.PoolChange.JoinReason;
import io.lucid.streams.pool.PoolChange.LeaveReason;
import io.lucid.streams.poot.LiveScore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolAssignerTest {

    private static final long W = 420;
    private final MapBoard board = new MapBoard();
    private final PoolAssigner pools = new PoolAssigner(board, PoolSettings.withCapacity(4));
    private long sequence;

    private List<PoolChange> activate(String node, Tier tier) {
        pools.registered(node, tier, sequence++);
        return pools.activated(node, sequence++).changes();
    }

    private static PoolId standard(int n) {
        return new PoolId(Tier.STANDARD, n);
    }

    @Test
    void opensTheFirstPoolOfATierForItsFirstNode() {
        assertThat(activate("node_a", Tier.STANDARD)).containsExactly(
                new PoolChange.Opened(standard(1), 4),
                new PoolChange.Joined(standard(1), "node_a", JoinReason.ACTIVATED, 1),
                new PoolChange.StatusChanged(standard(1), PoolStatus.FORMING, Optional.empty(), 1, 0));
    }

    @Test
    void opensTheNextPoolWhenAllAreFull() {
        for (String node : List.of("node_a", "node_b", "node_c", "node_d")) {
            activate(node, Tier.STANDARD);
        }
        // pool 1 holds 4 = capacity; node_e opens pool 2.
        assertThat(activate("node_e", Tier.STANDARD)).startsWith(
                new PoolChange.Opened(standard(2), 4),
                new PoolChange.Joined(standard(2), "node_e", JoinReason.ACTIVATED, 1));
        assertThat(board.occupancy(Tier.STANDARD).members()).containsExactly(Map.entry(1, 4), Map.entry(2, 1));
    }

    @Test
    void joinsTheLeastFilledPoolLowestNumberFirst() {
        for (String node : List.of("node_a", "node_b", "node_c", "node_d", "node_e", "node_f")) {
            activate(node, Tier.STANDARD);
        }
        // pools: 1 = {a, b, c, d}, 2 = {e, f}; two leave pool 1 -> 1 has 2, 2 has 2: a tie, pool 1 wins.
        pools.deactivated("node_a", sequence++);
        pools.deactivated("node_b", sequence++);
        assertThat(activate("node_g", Tier.STANDARD)).contains(
                new PoolChange.Joined(standard(1), "node_g", JoinReason.ACTIVATED, 3));
        // now 1 has 3, 2 has 2: pool 2 is least filled.
        assertThat(activate("node_h", Tier.STANDARD)).contains(
                new PoolChange.Joined(standard(2), "node_h", JoinReason.ACTIVATED, 3));
    }

    @Test
    void movesANodeWhoseTierChanges() {
        activate("node_a", Tier.STANDARD);
        List<PoolChange> changes = pools.hardwareChanged("node_a", Tier.HIGH_PERFORMANCE, sequence++).changes();
        PoolId high = new PoolId(Tier.HIGH_PERFORMANCE, 1);
        assertThat(changes).contains(
                new PoolChange.Left(standard(1), "node_a", LeaveReason.TIER_CHANGED, 0),
                new PoolChange.Opened(high, 4),
                new PoolChange.Joined(high, "node_a", JoinReason.TIER_CHANGED, 1));
        assertThat(board.node("node_a").orElseThrow().pool()).contains(high);
        assertThat(board.pool(standard(1)).orElseThrow().pool().contains("node_a")).isFalse();
    }

    @Test
    void keepsANodeInPlaceWhenItsHardwareChangesWithinTheTier() {
        activate("node_a", Tier.STANDARD);
        assertThat(pools.hardwareChanged("node_a", Tier.STANDARD, sequence++).changes()).isEmpty();
    }

    @Test
    void removesADeactivatedMember() {
        activate("node_a", Tier.BASIC);
        PoolId basic = new PoolId(Tier.BASIC, 1);
        assertThat(pools.deactivated("node_a", sequence++).changes())
                .containsExactly(new PoolChange.Left(basic, "node_a", LeaveReason.DEACTIVATED, 0));
        assertThat(board.node("node_a").orElseThrow().pool()).isEmpty();
    }

    @Test
    void ignoresARedeliveredEvent() {
        pools.registered("node_a", Tier.BASIC, 0);
        pools.activated("node_a", 1);
        pools.deactivated("node_a", 2);
        // the relay delivers at least once: the activation (sequence 1) again must not bring the node back.
        assertThat(pools.activated("node_a", 1).changes()).isEmpty();
        assertThat(board.node("node_a").orElseThrow().pool()).isEmpty();
    }

    @Test
    void rejectsAnActivationBeforeRegistration() {
        assertThat(pools.activated("node_x", 0).violation()).isPresent();
    }

    @Test
    void electsTheEligibleMemberWithTheHighestLiveScoreAndRecordsOnlyChanges() {
        for (String node : List.of("node_a", "node_b", "node_c")) {
            activate(node, Tier.STANDARD);
        }
        // node_b: 10 credits * 420 s -> weight 4,200; node_a: 20 * 210 = 4,200: a tie, node_a wins by id.
        assertThat(pools.scoreUpdated("node_b", 1, true, LiveScore.of(10, 420, W)).changes())
                .contains(new PoolChange.LeaderChanged(standard(1), Optional.of("node_b"), Optional.empty(),
                        Optional.of(java.math.BigInteger.valueOf(4200))));
        assertThat(pools.scoreUpdated("node_a", 1, true, LiveScore.of(20, 210, W)).changes())
                .contains(new PoolChange.LeaderChanged(standard(1), Optional.of("node_a"), Optional.of("node_b"),
                        Optional.of(java.math.BigInteger.valueOf(4200))));
        // node_c scores less: the leader stays, nothing about the leader is published.
        assertThat(pools.scoreUpdated("node_c", 1, true, LiveScore.of(1, 420, W)).changes())
                .noneMatch(c -> c instanceof PoolChange.LeaderChanged);
    }

    @Test
    void degradesAPoolWithFewerThanThreeHealthyEligibleMembers() {
        for (String node : List.of("node_a", "node_b", "node_c")) {
            activate(node, Tier.STANDARD);
            pools.scoreUpdated(node, 1, true, LiveScore.of(5, 420, W));
        }
        assertThat(board.pool(standard(1)).orElseThrow().publishedStatus()).contains(PoolStatus.ACTIVE);
        // one of three unhealthy: 2 healthy eligible < 3 -> DEGRADED; healthy again -> ACTIVE.
        assertThat(pools.healthChanged("node_b", false).changes()).containsExactly(
                new PoolChange.StatusChanged(standard(1), PoolStatus.DEGRADED, Optional.of(PoolStatus.ACTIVE), 3, 2));
        assertThat(pools.healthChanged("node_b", true).changes()).containsExactly(
                new PoolChange.StatusChanged(standard(1), PoolStatus.ACTIVE, Optional.of(PoolStatus.DEGRADED), 3, 3));
    }

    @Test
    void degradesAPoolWhenMoreThanHalfItsMembersAreUnhealthy() {
        // 7 eligible members, 4 unhealthy: 3 healthy eligible meet the quorum, but 4 > 7 / 2 -> DEGRADED.
        Pool pool = Pool.empty(standard(1));
        List<String> nodes = List.of("node_a", "node_b", "node_c", "node_d", "node_e", "node_f", "node_g");
        for (int i = 0; i < nodes.size(); i++) {
            pool = pool.with(new MemberState(nodes.get(i), i >= 4, true, LiveScore.of(1, 420, W)));
        }
        assertThat(pool.healthyEligibleCount()).isEqualTo(3);
        assertThat(pool.status(PoolSettings.defaults())).isEqualTo(PoolStatus.DEGRADED);
        // 3 of 7 unhealthy is not more than half -> ACTIVE
        pool = pool.with(new MemberState("node_d", true, true, LiveScore.of(1, 420, W)));
        assertThat(pool.status(PoolSettings.defaults())).isEqualTo(PoolStatus.ACTIVE);
    }

    @Test
    void marksAPoolFullAtCapacity() {
        for (String node : List.of("node_a", "node_b", "node_c", "node_d")) {
            activate(node, Tier.STANDARD);
            pools.scoreUpdated(node, 1, true, LiveScore.of(5, 420, W));
        }
        assertThat(board.pool(standard(1)).orElseThrow().publishedStatus()).contains(PoolStatus.FULL);
    }

    @Test
    void dropsEligibilityOfMembersAbsentFromAnEpochTally() {
        for (String node : List.of("node_a", "node_b", "node_c")) {
            activate(node, Tier.STANDARD);
            pools.scoreUpdated(node, 1, true, LiveScore.of(5, 420, W));
        }
        // epoch 2 closes and only node_a and node_b had proofs in its window: node_c is no longer eligible.
        List<PoolChange> changes = pools.epochTallied(2, Map.of(
                "node_a", new PoolAssigner.TallyScore(true, LiveScore.of(5, 420, W)),
                "node_b", new PoolAssigner.TallyScore(true, LiveScore.of(6, 420, W)))).changes();
        assertThat(board.node("node_c").orElseThrow().eligible()).isFalse();
        assertThat(changes).contains(new PoolChange.LeaderChanged(standard(1), Optional.of("node_b"),
                Optional.of("node_a"), Optional.of(java.math.BigInteger.valueOf(2520))));
        assertThat(changes).contains(new PoolChange.StatusChanged(standard(1), PoolStatus.DEGRADED,
                Optional.of(PoolStatus.ACTIVE), 3, 2));
    }
}
