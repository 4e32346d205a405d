package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import io.lucid.streams.poot.LiveScore;
import java.util.Optional;

/**
 * What the pool processor remembers of one node: tier (from its hardware), lifecycle, current pool, health and
 * latest PoOT numbers, and the last node-event sequence number applied (to drop redelivered events).
 *
 * @param scoreEpoch   the epoch of the numbers held, so that an older score never replaces a newer one
 * @param lastSequence the highest {@code ce_sequence} of the node's aggregate applied, -1 before any
 */
public record NodeRecord(
        String nodeId,
        Optional<Tier> tier,
        Lifecycle lifecycle,
        Optional<PoolId> pool,
        boolean healthy,
        boolean eligible,
        LiveScore liveScore,
        long scoreEpoch,
        long lastSequence) {

    /** A node heard of for the first time: inactive, healthy until liveness says otherwise, not yet scored. */
    public static NodeRecord unknown(String nodeId) {
        return new NodeRecord(nodeId, Optional.empty(), Lifecycle.INACTIVE, Optional.empty(), true, false,
                LiveScore.zero(1), Long.MIN_VALUE, -1);
    }

    public MemberState member() {
        return new MemberState(nodeId, healthy, eligible, liveScore);
    }

    public NodeRecord withTier(Tier t) {
        return new NodeRecord(nodeId, Optional.of(t), lifecycle, pool, healthy, eligible, liveScore, scoreEpoch, lastSequence);
    }

    public NodeRecord withLifecycle(Lifecycle l) {
        return new NodeRecord(nodeId, tier, l, pool, healthy, eligible, liveScore, scoreEpoch, lastSequence);
    }

    public NodeRecord withPool(Optional<PoolId> p) {
        return new NodeRecord(nodeId, tier, lifecycle, p, healthy, eligible, liveScore, scoreEpoch, lastSequence);
    }

    public NodeRecord withHealth(boolean h) {
        return new NodeRecord(nodeId, tier, lifecycle, pool, h, eligible, liveScore, scoreEpoch, lastSequence);
    }

    public NodeRecord withScore(long epoch, boolean e, LiveScore score) {
        return new NodeRecord(nodeId, tier, lifecycle, pool, healthy, e, score, epoch, lastSequence);
    }

    public NodeRecord withSequence(long sequence) {
        return new NodeRecord(nodeId, tier, lifecycle, pool, healthy, eligible, liveScore, scoreEpoch, sequence);
    }
}
