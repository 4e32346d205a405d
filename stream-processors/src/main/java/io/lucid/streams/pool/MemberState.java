package io.lucid.streams.pool;

import io.lucid.streams.poot.LiveScore;

/**
 * What a pool needs to know of a member to decide its status and leader: liveness health (from
 * {@code lucid.node.health}) and the latest PoOT eligibility and live score (from the scores and tallies).
 */
public record MemberState(String nodeId, boolean healthy, boolean eligible, LiveScore liveScore) {
}
