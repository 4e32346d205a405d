package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import io.lucid.streams.poot.LiveScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pool rules of DOMAIN.md section 6 as state transitions on a {@link PoolBoard}: a node joins the least-filled
 * non-full pool of its tier when it becomes ACTIVE (a new pool opens when all are full), leaves on deactivation,
 * maintenance or deregistration, moves on a tier change, and is never in two pools. After every change the touched
 * pools are re-evaluated and a status or leader is published only when it differs from the last one published.
 *
 * <p>Deterministic: the same facts in the same order give the same board and the same changes. Redelivered node
 * events are recognised by their per-aggregate sequence number and change nothing.
 */
public final class PoolAssigner {

    /** The changes to publish, or why the fact breaks the contract (nothing is changed then). */
    public record Outcome(List<PoolChange> changes, Optional<String> violation) {
        static Outcome of(List<PoolChange> changes) {
            return new Outcome(List.copyOf(changes), Optional.empty());
        }

        static Outcome rejected(String reason) {
            return new Outcome(List.of(), Optional.of(reason));
        }
    }

    /** A node's numbers in an epoch tally, as far as pools care. */
    public record TallyScore(boolean eligible, LiveScore liveScore) {
    }

    /** Passed as the sequence when the event carries none: the redelivery check is skipped. */
    public static final long NO_SEQUENCE = -1;

    private final PoolBoard board;
    private final PoolSettings settings;

    public PoolAssigner(PoolBoard board, PoolSettings settings) {
        this.board = board;
        this.settings = settings;
    }

    public Outcome registered(String nodeId, Tier tier, long sequence) {
        return hardwareChanged(nodeId, tier, sequence);
    }

    /** A new tier moves an ACTIVE member to a pool of that tier. */
    public Outcome hardwareChanged(String nodeId, Tier tier, long sequence) {
        NodeRecord node = load(nodeId);
        if (isRedelivered(node, sequence)) {
            return Outcome.of(List.of());
        }
        List<PoolChange> changes = new ArrayList<>();
        node = node.withTier(tier).withSequence(Math.max(node.lastSequence(), sequence));
        if (node.pool().isPresent() && node.pool().get().tier() != tier) {
            node = leave(node, PoolChange.LeaveReason.TIER_CHANGED, changes);
            node = join(node, PoolChange.JoinReason.TIER_CHANGED, changes);
        }
        board.put(node);
        return Outcome.of(changes);
    }

    public Outcome activated(String nodeId, long sequence) {
        return enter(nodeId, sequence, PoolChange.JoinReason.ACTIVATED);
    }

    public Outcome maintenanceExited(String nodeId, long sequence) {
        return enter(nodeId, sequence, PoolChange.JoinReason.MAINTENANCE_EXITED);
    }

    public Outcome deactivated(String nodeId, long sequence) {
        return exit(nodeId, sequence, Lifecycle.INACTIVE, PoolChange.LeaveReason.DEACTIVATED);
    }

    public Outcome maintenanceEntered(String nodeId, long sequence) {
        return exit(nodeId, sequence, Lifecycle.MAINTENANCE, PoolChange.LeaveReason.MAINTENANCE);
    }

    public Outcome deregistered(String nodeId, long sequence) {
        return exit(nodeId, sequence, Lifecycle.DEREGISTERED, PoolChange.LeaveReason.DEREGISTERED);
    }

    /** A score of an epoch older than the one held is stale (scores of different epochs may interleave). */
    public Outcome scoreUpdated(String nodeId, long epoch, boolean eligible, LiveScore liveScore) {
        NodeRecord node = load(nodeId);
        if (epoch < node.scoreEpoch()) {
            return Outcome.of(List.of());
        }
        return Outcome.of(update(node.withScore(epoch, eligible, liveScore)));
    }

    public Outcome healthChanged(String nodeId, boolean healthy) {
        return Outcome.of(update(load(nodeId).withHealth(healthy)));
    }

    /**
     * An epoch closed: every tallied node takes its final numbers, and a member absent from the tally had nothing in
     * the window, so it is no longer eligible. Without this a node that stopped proving would keep its last score.
     *
     * <p>The tally is applied as a whole: every node takes its numbers first, then each pool they touch is evaluated
     * once. Evaluating after each node would publish a leader for every intermediate state (a member already on the
     * new numbers against members still on the previous tally's) before the pool settles where the tally puts it.
     */
    public Outcome epochTallied(long epoch, Map<String, TallyScore> tally) {
        Map<PoolId, List<NodeRecord>> touched = new TreeMap<>(Comparator.comparing(PoolId::value));
        tally.forEach((nodeId, score) -> {
            NodeRecord node = load(nodeId);
            if (node.scoreEpoch() <= epoch) {
                settle(node.withScore(epoch, score.eligible(), score.liveScore()), touched);
            }
        });
        for (Tier tier : Tier.values()) {
            for (int number : board.occupancy(tier).members().keySet()) {
                PoolRecord pool = board.pool(new PoolId(tier, number)).orElseThrow();
                for (String nodeId : pool.pool().members().keySet()) {
                    NodeRecord node = load(nodeId);
                    if (!tally.containsKey(nodeId) && node.scoreEpoch() <= epoch) {
                        settle(node.withScore(epoch, false, LiveScore.zero(1)), touched);
                    }
                }
            }
        }
        List<PoolChange> changes = new ArrayList<>();
        touched.forEach((id, members) -> {
            PoolRecord record = board.pool(id).orElseThrow();
            Pool pool = record.pool();
            for (NodeRecord member : members) {
                pool = pool.with(member.member());
            }
            changes.addAll(evaluate(record.withPool(pool)));
        });
        return Outcome.of(changes);
    }

    /** Stores a node's new numbers and, when it is a member, notes it for its pool's one evaluation. */
    private void settle(NodeRecord node, Map<PoolId, List<NodeRecord>> touched) {
        board.put(node);
        node.pool().ifPresent(id -> touched.computeIfAbsent(id, k -> new ArrayList<>()).add(node));
    }

    private Outcome enter(String nodeId, long sequence, PoolChange.JoinReason reason) {
        NodeRecord node = load(nodeId);
        if (isRedelivered(node, sequence)) {
            return Outcome.of(List.of());
        }
        if (node.tier().isEmpty()) {
            return Outcome.rejected("node " + nodeId + " became active before its registration (no hardware known)");
        }
        if (node.lifecycle() == Lifecycle.DEREGISTERED) {
            return Outcome.rejected("node " + nodeId + " is deregistered");
        }
        List<PoolChange> changes = new ArrayList<>();
        node = node.withLifecycle(Lifecycle.ACTIVE).withSequence(Math.max(node.lastSequence(), sequence));
        if (node.pool().isEmpty()) {
            node = join(node, reason, changes);
        }
        board.put(node);
        return Outcome.of(changes);
    }

    private Outcome exit(String nodeId, long sequence, Lifecycle next, PoolChange.LeaveReason reason) {
        NodeRecord node = load(nodeId);
        if (isRedelivered(node, sequence)) {
            return Outcome.of(List.of());
        }
        List<PoolChange> changes = new ArrayList<>();
        node = leave(node.withLifecycle(next).withSequence(Math.max(node.lastSequence(), sequence)), reason, changes);
        board.put(node);
        return Outcome.of(changes);
    }

    private NodeRecord join(NodeRecord node, PoolChange.JoinReason reason, List<PoolChange> changes) {
        Tier tier = node.tier().orElseThrow();
        TierOccupancy occupancy = board.occupancy(tier);
        int number = occupancy.choose(settings.capacity());
        PoolId id = new PoolId(tier, number);
        if (!occupancy.exists(number)) {
            changes.add(new PoolChange.Opened(id, settings.capacity()));
        }
        PoolRecord pool = board.pool(id).orElseGet(() -> PoolRecord.opened(id));
        pool = pool.withPool(pool.pool().with(node.member()));
        board.put(occupancy.withCount(number, pool.pool().size()));
        changes.add(new PoolChange.Joined(id, node.nodeId(), reason, pool.pool().size()));
        changes.addAll(evaluate(pool));
        return node.withPool(Optional.of(id));
    }

    private NodeRecord leave(NodeRecord node, PoolChange.LeaveReason reason, List<PoolChange> changes) {
        if (node.pool().isEmpty()) {
            return node;
        }
        PoolId id = node.pool().get();
        PoolRecord pool = board.pool(id).orElseThrow();
        pool = pool.withPool(pool.pool().without(node.nodeId()));
        board.put(board.occupancy(id.tier()).withCount(id.number(), pool.pool().size()));
        changes.add(new PoolChange.Left(id, node.nodeId(), reason, pool.pool().size()));
        changes.addAll(evaluate(pool));
        return node.withPool(Optional.empty());
    }

    /** Stores the node and, when it is a member, refreshes its entry in the pool and re-evaluates the pool. */
    private List<PoolChange> update(NodeRecord node) {
        board.put(node);
        if (node.pool().isEmpty()) {
            return List.of();
        }
        PoolRecord pool = board.pool(node.pool().get()).orElseThrow();
        return evaluate(pool.withPool(pool.pool().with(node.member())));
    }

    /** Stores the pool with its current status and leader, and returns those that differ from the published ones. */
    private List<PoolChange> evaluate(PoolRecord record) {
        Pool pool = record.pool();
        List<PoolChange> changes = new ArrayList<>(2);
        PoolStatus status = pool.status(settings);
        if (record.publishedStatus().filter(status::equals).isEmpty()) {
            changes.add(new PoolChange.StatusChanged(pool.id(), status, record.publishedStatus(), pool.size(),
                    pool.healthyEligibleCount()));
        }
        Optional<MemberState> leader = pool.leader();
        Optional<String> leaderId = leader.map(MemberState::nodeId);
        if (!leaderId.equals(record.publishedLeader())) {
            changes.add(new PoolChange.LeaderChanged(pool.id(), leaderId, record.publishedLeader(),
                    leader.map(m -> m.liveScore().numerator())));
        }
        board.put(new PoolRecord(pool, Optional.of(status), leaderId));
        return changes;
    }

    private NodeRecord load(String nodeId) {
        return board.node(nodeId).orElseGet(() -> NodeRecord.unknown(nodeId));
    }

    private static boolean isRedelivered(NodeRecord node, long sequence) {
        return sequence != NO_SEQUENCE && sequence <= node.lastSequence();
    }
}
