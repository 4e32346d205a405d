package io.lucid.streams.pool;

import java.math.BigInteger;
import java.util.Optional;

/** What the pool processor publishes to {@code lucid.pool.events}, before it is turned into Avro. */
public sealed interface PoolChange {

    PoolId poolId();

    /** Why a node joined a pool. */
    enum JoinReason { ACTIVATED, MAINTENANCE_EXITED, TIER_CHANGED }

    /** Why a node left a pool. */
    enum LeaveReason { DEACTIVATED, MAINTENANCE, DEREGISTERED, TIER_CHANGED }

    record Opened(PoolId poolId, int capacity) implements PoolChange {
    }

    record Joined(PoolId poolId, String nodeId, JoinReason reason, int memberCount) implements PoolChange {
    }

    record Left(PoolId poolId, String nodeId, LeaveReason reason, int memberCount) implements PoolChange {
    }

    record StatusChanged(PoolId poolId, PoolStatus status, Optional<PoolStatus> previous, int memberCount,
            int healthyEligibleCount) implements PoolChange {
    }

    /** {@code leaderWeight} is credits_total * uptime of the new leader: its live score times W. */
    record LeaderChanged(PoolId poolId, Optional<String> leader, Optional<String> previous,
            Optional<BigInteger> leaderWeight) implements PoolChange {
    }
}
