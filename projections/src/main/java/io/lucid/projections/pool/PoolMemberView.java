package io.lucid.projections.pool;

import java.time.Instant;

/**
 * The body of a {@code pool_member} row: one node's current membership of a pool, listed by
 * {@code GET /api/v1/pools/{id}/members}. The row id is the node id and its parent the pool id, so a node has at most
 * one membership: joining another pool replaces the row, leaving deletes it. Health and score are not repeated here;
 * {@code GET /api/v1/nodes?pool_id=} serves them for the same nodes.
 *
 * @param nodeId   the member
 * @param poolId   the pool, also the row's parent
 * @param tier     the node's tier when it joined
 * @param reason   why it joined: {@code activated}, {@code maintenance_exited} or {@code tier_changed}
 * @param joinedAt the event time of the assignment; it orders assignments read from different pools' partitions
 */
public record PoolMemberView(String nodeId, String poolId, String tier, String reason, Instant joinedAt) {
}
