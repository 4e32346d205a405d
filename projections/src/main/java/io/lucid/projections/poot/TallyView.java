package io.lucid.projections.poot;

import java.time.Instant;
import java.util.List;

/**
 * The body of a {@code tally} row, as {@code GET /api/v1/poot/tallies/{epoch}} serves it: the closing tally of one
 * epoch (every node with proofs in its window, eligible ones first in rank order, then the rest by node id) and the
 * summary of its reward distribution. The two come as separate events; a row whose tally has not been read yet has
 * null tally fields, one whose distribution has not been read yet a null {@code rewards}.
 *
 * @param epoch            the closed epoch
 * @param epochStart       its start
 * @param epochEnd         its end, exclusive
 * @param windowFirstEpoch the first epoch of its window
 * @param windowSeconds    W, the window's length
 * @param eligibleCount    eligible nodes
 * @param totalWeight      the sum of the eligible nodes' weights
 * @param talliedAt        the event time at which the epoch closed
 * @param entries          the ranking, as tallied
 * @param rewards          what the epoch's reward pool paid out
 */
public record TallyView(
        long epoch, Instant epochStart, Instant epochEnd, Long windowFirstEpoch, Long windowSeconds,
        Integer eligibleCount, Long totalWeight, Instant talliedAt, List<Entry> entries, Rewards rewards) {

    /**
     * One node's final numbers in the tally.
     *
     * @param rank 1 = best among the eligible nodes; null when not eligible
     */
    public record Entry(String nodeId, Integer rank, long relayCredits, long storageCredits, long validationCredits,
            long creditsTotal, long uptimeSeconds, long weight, double liveScore, boolean eligible) {
    }

    /**
     * The distribution of the epoch's reward pool, in micro-USDT.
     *
     * @param pool             the epoch's pool, including the remainder carried from the epoch before
     * @param distributed      the sum of the rewards paid to eligible nodes
     * @param carriedRemainder pool - distributed, added to the next epoch's pool
     * @param eligibleCount    nodes that received a reward
     * @param calculatedAt     the event time of the calculation
     */
    public record Rewards(long pool, long distributed, long carriedRemainder, int eligibleCount,
            Instant calculatedAt) {
    }

    /** A row for an epoch whose tally has not been read (its distribution was read first). */
    static TallyView stub(long epoch) {
        return new TallyView(epoch, null, null, null, null, null, null, null, null, null);
    }

    TallyView withRewards(Rewards newRewards) {
        return new TallyView(epoch, epochStart, epochEnd, windowFirstEpoch, windowSeconds, eligibleCount,
                totalWeight, talliedAt, entries, newRewards);
    }
}
