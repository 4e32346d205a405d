package io.lucid.streams.reward;

import io.lucid.streams.poot.EpochTally;
import io.lucid.streams.poot.ProofCredits;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything an epoch close decides, as one pure function: the tally of the window sums, the split of the pool
 * (configured pool plus the carry of the previous close) over the ranked nodes by weight, the balances after the
 * rewards, and a payout for every node whose balance then reaches the threshold. The result is what the epoch
 * close publishes and stores; replaying the same inputs gives the same settlement.
 *
 * @param payouts       by node id, ascending
 * @param balancesAfter every node's balance after rewards and payouts, by node id (nodes without a balance absent)
 */
public record EpochSettlement(EpochTally tally, RewardSplit split, SortedMap<String, PayoutCalculation> payouts,
        SortedMap<String, Long> balancesAfter) {

    /**
     * @param windowSums each node's sums over the window of {@code epoch}
     * @param carry      what the previous close left undistributed
     * @param balances   each node's balance before this close
     */
    public static EpochSettlement settle(long epoch, Map<String, ProofCredits> windowSums, long windowSeconds,
            long carry, Map<String, Long> balances, RewardSettings rules) {
        EpochTally tally = EpochTally.of(epoch, windowSums, windowSeconds);
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        tally.ranked().forEach(entry -> weights.put(entry.nodeId(), entry.score().weight()));
        RewardSplit split = RewardSplit.of(Math.addExact(rules.epochPool(), carry), weights);
        SortedMap<String, Long> after = new TreeMap<>(balances);
        split.rewards().forEach((node, reward) -> after.merge(node, reward, Math::addExact));
        SortedMap<String, PayoutCalculation> payouts = new TreeMap<>();
        after.forEach((node, balance) -> PayoutCalculation.forBalance(balance, rules).ifPresent(payout -> {
            payouts.put(node, payout);
        }));
        payouts.forEach((node, payout) -> after.put(node, payout.balanceAfter()));
        return new EpochSettlement(tally, split, payouts, after);
    }
}
