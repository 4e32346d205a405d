package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import io.lucid.events.pool.AssignmentReason;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.pool.PoolTier;
import io.lucid.events.pool.RemovalReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Turns {@link PoolChange}s into the records of {@code lucid.pool.events}. */
final class PoolRecords {

    private static final Map<PoolChange.JoinReason, AssignmentReason> JOIN = Map.of(
            PoolChange.JoinReason.ACTIVATED, AssignmentReason.activated,
            PoolChange.JoinReason.MAINTENANCE_EXITED, AssignmentReason.maintenance_exited,
            PoolChange.JoinReason.TIER_CHANGED, AssignmentReason.tier_changed);
    private static final Map<PoolChange.LeaveReason, RemovalReason> LEAVE = Map.of(
            PoolChange.LeaveReason.DEACTIVATED, RemovalReason.deactivated,
            PoolChange.LeaveReason.MAINTENANCE, RemovalReason.maintenance,
            PoolChange.LeaveReason.DEREGISTERED, RemovalReason.deregistered,
            PoolChange.LeaveReason.TIER_CHANGED, RemovalReason.tier_changed);

    private PoolRecords() {
    }

    /** The change as its Avro record; {@code time} is the event time of the input that caused it. */
    static SpecificRecord toAvro(PoolChange change, long time) {
        Instant at = Instant.ofEpochMilli(time);
        String pool = change.poolId().value();
        if (change instanceof PoolChange.Opened opened) {
            return new PoolCreated(pool, tier(opened.poolId().tier()), opened.poolId().number(), opened.capacity(), at);
        } else if (change instanceof PoolChange.Joined joined) {
            return new NodeAssignedToPool(pool, joined.nodeId(), tier(joined.poolId().tier()), JOIN.get(joined.reason()),
                    joined.memberCount(), at);
        } else if (change instanceof PoolChange.Left left) {
            return new NodeRemovedFromPool(pool, left.nodeId(), LEAVE.get(left.reason()), left.memberCount(), at);
        } else if (change instanceof PoolChange.StatusChanged status) {
            return new PoolStatusChanged(pool, status(status.status()), status.previous().map(PoolRecords::status)
                    .orElse(null), status.memberCount(), status.healthyEligibleCount(), at);
        } else if (change instanceof PoolChange.LeaderChanged leader) {
            return new PoolLeaderChanged(pool, leader.leader().orElse(null), leader.previous().orElse(null),
                    leader.leaderWeight().map(BigInteger::longValueExact).orElse(null), at);
        }
        throw new IllegalArgumentException("unknown pool change " + change);
    }

    private static PoolTier tier(Tier tier) {
        return PoolTier.valueOf(tier.wireName());
    }

    private static io.lucid.events.pool.PoolStatus status(PoolStatus status) {
        return io.lucid.events.pool.PoolStatus.valueOf(status.name());
    }
}
