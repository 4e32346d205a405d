package io.lucid.projections.poot;

import java.time.Instant;

/**
 * The body of a {@code score} row, as {@code GET /api/v1/poot/scores/{node_id}} serves it: a node's newest PoOT
 * score with every input that produced it, so a reader can check the arithmetic of DOMAIN.md section 5 from the row
 * alone. Newest means of the highest epoch read for the node, and within one epoch the one counting the most proofs.
 *
 * @param nodeId            the node
 * @param epoch             the epoch whose window the score covers
 * @param windowFirstEpoch  the window's first epoch
 * @param relayCredits      credits from relay proofs in the window
 * @param storageCredits    credits from storage proofs in the window
 * @param validationCredits credits from validation proofs in the window
 * @param creditsTotal      their sum
 * @param uptimeSeconds     min(sum of beacon uptimes in the window, window_seconds)
 * @param windowSeconds     W, the window's length
 * @param weight            credits_total * uptime_seconds: what ranks and rewards use
 * @param liveScore         weight / window_seconds, for display
 * @param eligible          credits_total > 0 and 5 * uptime_seconds >= window_seconds
 * @param proofCount        proofs of the node counted in the window
 * @param lastProofId       the proof that caused this score ({@code node_id:slot:type}; not a secret)
 * @param updatedAt         the event time of that proof
 */
public record ScoreView(
        String nodeId, long epoch, long windowFirstEpoch, long relayCredits, long storageCredits,
        long validationCredits, long creditsTotal, long uptimeSeconds, long windowSeconds, long weight,
        double liveScore, boolean eligible, long proofCount, String lastProofId, Instant updatedAt) {

    /**
     * Whether this score is older than {@code current}. Within one epoch the window only gains proofs, so a lower
     * proof count is an earlier state (one the score processor emitted again after a restart, for instance).
     */
    boolean olderThan(ScoreView current) {
        return epoch < current.epoch || (epoch == current.epoch && proofCount < current.proofCount);
    }
}
