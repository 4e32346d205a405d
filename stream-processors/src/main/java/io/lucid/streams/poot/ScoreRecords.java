package io.lucid.streams.poot;

import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;

/**
 * Turns window scores into their published Avro form. {@code weight} (credits_total * uptime) is the exact number
 * ranks and rewards use; {@code live_score} is its display value, weight / W as the nearest double.
 */
final class ScoreRecords {

    private ScoreRecords() {
    }

    static NodeScoreUpdated scoreUpdated(String nodeId, WindowScore score, long windowFirstEpoch, String proofId,
            long time) {
        return NodeScoreUpdated.newBuilder()
                .setNodeId(nodeId)
                .setEpoch(score.epoch())
                .setWindowFirstEpoch(windowFirstEpoch)
                .setRelayCredits(score.credits().relay())
                .setStorageCredits(score.credits().storage())
                .setValidationCredits(score.credits().validation())
                .setCreditsTotal(score.creditsTotal())
                .setUptimeSeconds(score.uptimeSeconds())
                .setWindowSeconds(score.windowSeconds())
                .setWeight(weight(score))
                .setLiveScore(displayScore(score))
                .setEligible(score.eligible())
                .setProofCount(score.credits().proofs())
                .setLastProofId(proofId)
                .setUpdatedAt(Instant.ofEpochMilli(time))
                .build();
    }

    static NodeTally nodeTally(EpochTally.Entry entry) {
        WindowScore score = entry.score();
        return NodeTally.newBuilder()
                .setNodeId(entry.nodeId())
                .setRelayCredits(score.credits().relay())
                .setStorageCredits(score.credits().storage())
                .setValidationCredits(score.credits().validation())
                .setCreditsTotal(score.creditsTotal())
                .setUptimeSeconds(score.uptimeSeconds())
                .setWeight(weight(score))
                .setLiveScore(displayScore(score))
                .setEligible(score.eligible())
                .setRank(entry.rank() > 0 ? entry.rank() : null)
                .build();
    }

    /**
     * The schema holds the weight in a long; beyond 2^63 - 1 the record cannot carry the exact number.
     *
     * @throws ArithmeticException then, rather than publish a wrong one
     */
    static long weight(WindowScore score) {
        return score.weight().longValueExact();
    }

    /**
     * weight / W as a double, for display. Below 2^53 both operands are exact doubles and IEEE division rounds the
     * quotient correctly, the same bits on every run; beyond, decimal division to 17 digits first.
     */
    static double displayScore(WindowScore score) {
        BigInteger weight = score.weight();
        if (weight.bitLength() < 53) {
            return (double) weight.longValue() / score.windowSeconds();
        }
        return new BigDecimal(weight).divide(BigDecimal.valueOf(score.windowSeconds()), new MathContext(17)).doubleValue();
    }
}
