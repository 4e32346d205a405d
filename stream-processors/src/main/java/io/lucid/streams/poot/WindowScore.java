package io.lucid.streams.poot;

import java.math.BigInteger;

/**
 * A node's numbers over the window of one epoch (DOMAIN.md section 5): the summed credits per kind, credits_total,
 * uptime = min(sum of uptime_seconds, W), eligibility (credits_total > 0 and 5 * uptime >= W, i.e. uptime_score >=
 * 0.2) and live_score = credits_total * uptime / W. A pure function of the window's proofs.
 *
 * @param epoch         the epoch whose window this is (epochs {@code epoch - 6 .. epoch} by default)
 * @param credits       the window's sums; {@code credits.uptimeSeconds()} is the raw sum, before the cap
 * @param uptimeSeconds the capped uptime
 * @param windowSeconds W
 */
public record WindowScore(long epoch, ProofCredits credits, long uptimeSeconds, long windowSeconds) {

    /** uptime_score >= 0.2 is written 5 * uptime >= W to stay in integers. */
    public static final long UPTIME_THRESHOLD_DIVISOR = 5;

    public static WindowScore of(long epoch, ProofCredits windowSum, long windowSeconds) {
        return new WindowScore(epoch, windowSum, Math.min(windowSum.uptimeSeconds(), windowSeconds), windowSeconds);
    }

    public long creditsTotal() {
        return credits.total();
    }

    public boolean eligible() {
        return creditsTotal() > 0
                && BigInteger.valueOf(uptimeSeconds).multiply(BigInteger.valueOf(UPTIME_THRESHOLD_DIVISOR))
                        .compareTo(BigInteger.valueOf(windowSeconds)) >= 0;
    }

    public LiveScore liveScore() {
        return LiveScore.of(creditsTotal(), uptimeSeconds, windowSeconds);
    }

    /** weight = credits_total * uptime: the live score times W, the reward share's numerator. */
    public BigInteger weight() {
        return liveScore().numerator();
    }
}
