package io.lucid.streams.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.pool.AssignmentReason;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatus;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.pool.PoolTier;
import io.lucid.events.pool.RemovalReason;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.streams.DerivedHeaders;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Pools through the pool topology. Scores are over W = 420 s: weight = credits * uptime, eligible from 84 s. */
class PoolTopologyTest {

    private static <T> List<T> only(List<SpecificRecord> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void assignsEachNodeToAPoolOfItsHardwareTier() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            // 8 cores / 16 GiB / 500 GiB -> high_performance; 2 / 4 / 50 -> standard; 4 / 8 / 40 GiB storage -> basic
            run.join(8, 16, 500, "node_big1").join(2, 4, 50, "node_mid1").join(4, 8, 40, "node_low1");
            List<SpecificRecord> events = run.events();
            assertThat(only(events, PoolCreated.class)).extracting(PoolCreated::getPoolId, PoolCreated::getTier,
                            PoolCreated::getNumber, PoolCreated::getCapacity)
                    .containsExactly(tuple("pool_high_performance_1", PoolTier.high_performance, 1, 100),
                            tuple("pool_standard_1", PoolTier.standard, 1, 100), tuple("pool_basic_1", PoolTier.basic, 1, 100));
            assertThat(only(events, NodeAssignedToPool.class)).extracting(NodeAssignedToPool::getNodeId,
                            NodeAssignedToPool::getPoolId, NodeAssignedToPool::getReason)
                    .containsExactly(tuple("node_big1", "pool_high_performance_1", AssignmentReason.activated),
                            tuple("node_mid1", "pool_standard_1", AssignmentReason.activated),
                            tuple("node_low1", "pool_basic_1", AssignmentReason.activated));
            assertThat(only(events, PoolStatusChanged.class)).extracting(PoolStatusChanged::getStatus)
                    .containsOnly(PoolStatus.FORMING);
        }
    }

    @Test
    void opensTheNextPoolWhenAllPoolsOfTheTierAreFull() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(3))) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3");
            run.events();
            run.join(2, 4, 50, "node_std4");
            List<SpecificRecord> events = run.events();
            // pool_standard_1 holds 3 = capacity: node_std4 opens pool_standard_2
            assertThat(only(events, PoolCreated.class)).extracting(PoolCreated::getPoolId).containsExactly("pool_standard_2");
            assertThat(only(events, NodeAssignedToPool.class)).extracting(NodeAssignedToPool::getPoolId,
                    NodeAssignedToPool::getMemberCount).containsExactly(tuple("pool_standard_2", 1));
        }
    }

    @Test
    void marksAPoolFullAtCapacityWhenItsMembersAreHealthyAndEligible() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(3))) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3");
            run.score("node_std1", 1, 5, 84).score("node_std2", 1, 5, 84).score("node_std3", 1, 5, 84);
            // 3 members, capacity 3, all healthy and eligible: FORMING -> DEGRADED (3 members, none eligible yet)
            // -> FULL once the third is eligible.
            assertThat(only(run.events(), PoolStatusChanged.class)).extracting(PoolStatusChanged::getStatus)
                    .containsExactly(PoolStatus.FORMING, PoolStatus.DEGRADED, PoolStatus.FULL);
        }
    }

    @Test
    void movesANodeToAPoolOfItsNewTierWhenItsHardwareChanges() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.join(2, 4, 50, "node_std1");
            run.events();
            run.hardware("node_std1", 4, 8, 100);
            List<SpecificRecord> events = run.events();
            assertThat(only(events, NodeRemovedFromPool.class)).extracting(NodeRemovedFromPool::getPoolId,
                    NodeRemovedFromPool::getReason, NodeRemovedFromPool::getMemberCount)
                    .containsExactly(tuple("pool_standard_1", RemovalReason.tier_changed, 0));
            assertThat(only(events, NodeAssignedToPool.class)).extracting(NodeAssignedToPool::getPoolId,
                    NodeAssignedToPool::getTier, NodeAssignedToPool::getReason)
                    .containsExactly(tuple("pool_high_performance_1", PoolTier.high_performance, AssignmentReason.tier_changed));
        }
    }

    @Test
    void removesAMemberThatIsDeactivatedEntersMaintenanceOrDeregisters() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3");
            run.events();
            run.deactivate("node_std1").maintenance("node_std2", true).deregister("node_std3");
            List<SpecificRecord> events = run.events();
            assertThat(only(events, NodeRemovedFromPool.class)).extracting(NodeRemovedFromPool::getNodeId,
                            NodeRemovedFromPool::getReason, NodeRemovedFromPool::getMemberCount)
                    .containsExactly(tuple("node_std1", RemovalReason.deactivated, 2),
                            tuple("node_std2", RemovalReason.maintenance, 1),
                            tuple("node_std3", RemovalReason.deregistered, 0));
            // the pool fell below 3 members: DEGRADED -> FORMING
            assertThat(only(events, PoolStatusChanged.class)).extracting(PoolStatusChanged::getStatus)
                    .containsExactly(PoolStatus.FORMING);
            // back from maintenance, node_std2 joins again
            run.maintenance("node_std2", false);
            assertThat(only(run.events(), NodeAssignedToPool.class)).extracting(NodeAssignedToPool::getReason)
                    .containsExactly(AssignmentReason.maintenance_exited);
        }
    }

    @Test
    void changesTheLeaderWhenAnotherMemberScoresHigher() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3");
            run.events();
            // node_std1: 10 credits * 100 s = weight 1,000 -> leader
            run.score("node_std1", 1, 10, 100);
            assertThat(only(run.events(), PoolLeaderChanged.class)).extracting(PoolLeaderChanged::getLeaderNodeId,
                    PoolLeaderChanged::getPreviousLeaderNodeId, PoolLeaderChanged::getLeaderWeight)
                    .containsExactly(tuple("node_std1", null, 1_000L));
            // node_std2: 5 * 100 = 500 < 1,000: no leader change is recorded
            run.score("node_std2", 1, 5, 100);
            assertThat(only(run.events(), PoolLeaderChanged.class)).isEmpty();
            // node_std3: 20 * 100 = 2,000 > 1,000: the leader changes
            run.score("node_std3", 1, 20, 100);
            assertThat(only(run.events(), PoolLeaderChanged.class)).extracting(PoolLeaderChanged::getLeaderNodeId,
                    PoolLeaderChanged::getPreviousLeaderNodeId, PoolLeaderChanged::getLeaderWeight)
                    .containsExactly(tuple("node_std3", "node_std1", 2_000L));
            // node_std2 catches up exactly (20 * 100 = 2,000): a tie goes to the lower node id
            run.score("node_std2", 1, 20, 100);
            assertThat(only(run.events(), PoolLeaderChanged.class)).extracting(PoolLeaderChanged::getLeaderNodeId)
                    .containsExactly("node_std2");
        }
    }

    @Test
    void degradesAPoolWithFewerThanThreeHealthyEligibleMembers() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3");
            run.score("node_std1", 1, 5, 84).score("node_std2", 1, 5, 84).score("node_std3", 1, 5, 84);
            run.events();
            run.health("node_std2", false);
            assertThat(only(run.events(), PoolStatusChanged.class)).extracting(PoolStatusChanged::getStatus,
                            PoolStatusChanged::getPreviousStatus, PoolStatusChanged::getHealthyEligibleCount)
                    .containsExactly(tuple(PoolStatus.DEGRADED, PoolStatus.ACTIVE, 2));
            run.health("node_std2", true);
            assertThat(only(run.events(), PoolStatusChanged.class)).extracting(PoolStatusChanged::getStatus)
                    .containsExactly(PoolStatus.ACTIVE);
        }
    }

    @Test
    void ignoresARedeliveredNodeEvent() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.join(2, 4, 50, "node_std1"); // sequences 0 (registered) and 1 (activated)
            run.deactivate("node_std1"); // sequence 2
            run.events();
            run.nodeEvent("node_std1", new NodeActivated("node_std1", PoolRun.T0), 1);
            assertThat(run.events()).isEmpty();
        }
    }

    @Test
    void rejectsAnActivationBeforeTheRegistration() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(100))) {
            run.activate("node_ghost");
            assertThat(run.events()).isEmpty();
            DeadLetter letter = (DeadLetter) run.harness.output(Topics.DEAD_LETTERS).readValue();
            assertThat(letter.getErrorType()).isEqualTo("invalid-transition");
            assertThat(letter.getErrorMessage()).contains("node_ghost");
        }
    }

    /**
     * Two pools of three whose members all change places in one tally: pool_standard_1 {a1, a2, a3},
     * pool_standard_2 {b1, b2, b3}. The tally of epoch 8 reaches the pool partition before that of epoch 7, as when
     * their partitions of lucid.poot.tallies are merged in that order. Due: epoch 7's one change per pool, with
     * epoch 7's weights, then epoch 8's, each once.
     */
    @Test
    void appliesEachTallyAsAWholeAndInEpochOrderWhateverOrderItArrivesIn() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(3))) {
            run.join(2, 4, 50, "node_a1", "node_a2", "node_a3", "node_b1", "node_b2", "node_b3");
            run.tally(6, null, PoolRun.tallied("node_a1", 30, 100), PoolRun.tallied("node_a2", 20, 100),
                    PoolRun.tallied("node_a3", 10, 100), PoolRun.tallied("node_b1", 30, 100),
                    PoolRun.tallied("node_b2", 20, 100), PoolRun.tallied("node_b3", 10, 100));
            assertThat(only(run.events(), PoolLeaderChanged.class)).extracting(PoolLeaderChanged::getPoolId,
                            PoolLeaderChanged::getLeaderNodeId, PoolLeaderChanged::getLeaderWeight)
                    .containsExactly(tuple("pool_standard_1", "node_a1", 3_000L), tuple("pool_standard_2", "node_b1", 3_000L));

            // epoch 8: node_a1 leads pool_standard_1 again; node_b2 is missing (nothing in its window), node_b3 leads
            run.tally(8, 7L, PoolRun.tallied("node_a1", 60, 100), PoolRun.tallied("node_a2", 25, 100),
                    PoolRun.tallied("node_a3", 40, 100), PoolRun.tallied("node_b1", 10, 100),
                    PoolRun.tallied("node_b3", 15, 100));
            assertThat(run.events()).as("epoch 8 waits for epoch 7").isEmpty();

            // epoch 7: the order of each pool turns over. Applied node by node, node_a1 dropping first would make
            // node_a2 leader on epoch 6's 2,000 before node_a3 takes over, and node_b2 would lead on epoch 6's 2,000.
            run.tally(7, 6L, PoolRun.tallied("node_a1", 10, 100), PoolRun.tallied("node_a2", 25, 100),
                    PoolRun.tallied("node_a3", 40, 100), PoolRun.tallied("node_b1", 10, 100),
                    PoolRun.tallied("node_b2", 50, 100), PoolRun.tallied("node_b3", 10, 100));
            var records = run.records();
            var leaders = records.stream().filter(r -> r.value() instanceof PoolLeaderChanged).toList();
            assertThat(leaders).extracting(r -> ((PoolLeaderChanged) r.value()).getPoolId(),
                            r -> ((PoolLeaderChanged) r.value()).getLeaderNodeId(),
                            r -> ((PoolLeaderChanged) r.value()).getPreviousLeaderNodeId(),
                            r -> ((PoolLeaderChanged) r.value()).getLeaderWeight(),
                            TestRecord::getRecordTime,
                            r -> DerivedHeaders.last(r.headers(), CloudEventHeaders.CAUSATION_ID))
                    .containsExactly(
                            tuple("pool_standard_1", "node_a3", "node_a1", 4_000L, PoolRun.tallyTime(7), PoolRun.tallyId(7)),
                            tuple("pool_standard_2", "node_b2", "node_b1", 5_000L, PoolRun.tallyTime(7), PoolRun.tallyId(7)),
                            tuple("pool_standard_1", "node_a1", "node_a3", 6_000L, PoolRun.tallyTime(8), PoolRun.tallyId(8)),
                            tuple("pool_standard_2", "node_b3", "node_b2", 1_500L, PoolRun.tallyTime(8), PoolRun.tallyId(8)));
            // node_b2 left out of epoch 8 is no longer eligible: 2 of 3 healthy eligible members
            assertThat(only(records.stream().map(TestRecord::value).toList(), PoolStatusChanged.class))
                    .extracting(PoolStatusChanged::getPoolId, PoolStatusChanged::getStatus)
                    .containsExactly(tuple("pool_standard_2", PoolStatus.DEGRADED));

            // a redelivered tally of an applied epoch changes nothing
            run.tally(7, 6L, PoolRun.tallied("node_a1", 90, 100));
            assertThat(run.events()).isEmpty();
        }
    }

    @Test
    void rejectsATallyThatDoesNotFollowThePreviousEpoch() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(3))) {
            run.join(2, 4, 50, "node_a1");
            run.events();
            run.tally(9, 7L, PoolRun.tallied("node_a1", 30, 100));
            assertThat(run.events()).isEmpty();
            DeadLetter letter = (DeadLetter) run.harness.output(Topics.DEAD_LETTERS).readValue();
            assertThat(letter.getErrorType()).isEqualTo("invalid-tally");
        }
    }
}
