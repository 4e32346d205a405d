package io.lucid.projections.pool;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a {@code pool} row, as {@code GET /api/v1/pools/{id}} serves it: what the pool assignment processor
 * said about one pool on {@code lucid.pool.events}. Every field is the pool's own (all its events share its key, so
 * they arrive in order); {@code member_count} is the count the processor reported with its latest event, not a count
 * of member rows, which events of other pools may still be moving.
 *
 * @param poolId          {@code pool_<tier>_<n>}
 * @param tier            {@code high_performance}, {@code standard} or {@code basic}
 * @param number          n, from 1
 * @param capacity        the most members it takes; null until its creation is read
 * @param status          FORMING, ACTIVE, FULL or DEGRADED
 * @param memberCount     members after its latest assignment, removal or status change
 * @param leaderNodeId    its eligible member with the highest live score; null when none is eligible
 * @param leaderWeight    that leader's weight (credits_total * uptime_seconds); null without a leader
 * @param createdAt       when the pool was opened; null until its creation is read
 * @param statusChangedAt when it last changed status
 * @param leaderChangedAt when its leader last changed
 * @param updatedAt       the time of its latest event
 */
public record PoolView(
        String poolId, String tier, int number, Integer capacity, String status, int memberCount,
        String leaderNodeId, Long leaderWeight, Instant createdAt, Instant statusChangedAt, Instant leaderChangedAt,
        Instant updatedAt) {

    private static final Pattern ID = Pattern.compile("pool_(.+)_(\\d{1,9})");

    /**
     * A row for a pool whose creation has not been read. The processor always emits the creation first, so this only
     * keeps a handler total; tier and number come from the id, whose form DOMAIN.md fixes.
     */
    static PoolView stub(String poolId) {
        Matcher id = ID.matcher(poolId);
        boolean named = id.matches();
        return new PoolView(poolId, named ? id.group(1) : null, named ? Integer.parseInt(id.group(2)) : 0, null,
                null, 0, null, null, null, null, null, null);
    }

    PoolView created(String newTier, int newNumber, int newCapacity, Instant at) {
        // A new pool has no members yet, so FORMING (DOMAIN.md section 6) until its first status change is read.
        return new PoolView(poolId, newTier, newNumber, newCapacity, status == null ? "FORMING" : status,
                memberCount, leaderNodeId, leaderWeight, at, statusChangedAt == null ? at : statusChangedAt,
                leaderChangedAt, later(at));
    }

    PoolView withMemberCount(int count, Instant at) {
        return new PoolView(poolId, tier, number, capacity, status, count, leaderNodeId, leaderWeight, createdAt,
                statusChangedAt, leaderChangedAt, later(at));
    }

    PoolView withStatus(String newStatus, int count, Instant at) {
        return new PoolView(poolId, tier, number, capacity, newStatus, count, leaderNodeId, leaderWeight, createdAt,
                at, leaderChangedAt, later(at));
    }

    PoolView withLeader(String nodeId, Long weight, Instant at) {
        return new PoolView(poolId, tier, number, capacity, status, memberCount, nodeId, weight, createdAt,
                statusChangedAt, at, later(at));
    }

    /** updated_at never goes back, even if the processor stamps two events of one pool out of time order. */
    private Instant later(Instant at) {
        return updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
    }
}
