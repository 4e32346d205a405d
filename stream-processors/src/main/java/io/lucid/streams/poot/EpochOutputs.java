package io.lucid.streams.poot;

import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.RewardCalculated;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.reward.EpochSettlement;
import io.lucid.streams.reward.PayoutCalculation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The records of one epoch close, keyed as the catalogue says: the tally and the distribution summary by epoch on
 * {@code lucid.poot.tallies} (sequence 0 and 1 of that key), rewards and payouts by node id on
 * {@code lucid.payout.calculations}. Every record carries the close time (the epoch's end plus the grace), so a
 * replay writes the same timestamps.
 */
final class EpochOutputs {

    private final PootClock clock;
    private final long epoch;
    private final Long previousEpoch;
    private final long at;
    private final String epochKey;
    private final EpochSettlement settlement;
    private final Map<String, Long> weights = new HashMap<>();
    private final long totalWeight;

    /**
     * @throws ArithmeticException when a weight or their sum exceeds the long the records carry it in: publishing a
     *                             rounded number would be worse than stopping
     * @param previousEpoch        the epoch closed before this one, null for the network's first close
     */
    EpochOutputs(PootClock clock, long epoch, Long previousEpoch, long at, EpochSettlement settlement) {
        this.clock = clock;
        this.epoch = epoch;
        this.previousEpoch = previousEpoch;
        this.at = at;
        this.epochKey = Long.toString(epoch);
        this.settlement = settlement;
        BigInteger total = BigInteger.ZERO;
        for (EpochTally.Entry entry : settlement.tally().ranked()) {
            weights.put(entry.nodeId(), entry.score().weight().longValueExact());
            total = total.add(entry.score().weight());
        }
        this.totalWeight = total.longValueExact();
    }

    Record<String, SpecificRecord> tally() {
        EpochTallied tallied = EpochTallied.newBuilder()
                .setEpoch(epoch)
                .setEpochStart(Instant.ofEpochMilli(clock.epochStart(epoch)))
                .setEpochEnd(Instant.ofEpochMilli(clock.epochEnd(epoch)))
                .setWindowFirstEpoch(Math.max(0, clock.windowStart(epoch)))
                .setWindowSeconds(clock.windowSeconds())
                .setNodes(settlement.tally().entries().stream().map(ScoreRecords::nodeTally).toList())
                .setEligibleCount(settlement.tally().ranked().size())
                .setTotalWeight(totalWeight)
                .setTalliedAt(Instant.ofEpochMilli(at))
                .setPreviousEpoch(previousEpoch)
                .build();
        return record(Topics.POOT_TALLIES.name(), epochKey, tallied, 0);
    }

    Record<String, SpecificRecord> reward(String nodeId, long reward, long sequence) {
        RewardCalculated calculated = RewardCalculated.newBuilder()
                .setEpoch(epoch)
                .setNodeId(nodeId)
                .setPool(settlement.split().pool())
                .setWeight(weights.get(nodeId))
                .setTotalWeight(totalWeight)
                .setReward(reward)
                .setCarriedRemainder(settlement.split().carry())
                .setCalculatedAt(Instant.ofEpochMilli(at))
                .build();
        return record(Topics.PAYOUT_CALCULATIONS.name(), nodeId, calculated, sequence);
    }

    Record<String, SpecificRecord> distribution() {
        long distributed = settlement.split().pool() - settlement.split().carry();
        EpochRewardsDistributed summary = EpochRewardsDistributed.newBuilder()
                .setEpoch(epoch)
                .setPool(settlement.split().pool())
                .setDistributed(distributed)
                .setCarriedRemainder(settlement.split().carry())
                .setEligibleCount(settlement.tally().ranked().size())
                .setCalculatedAt(Instant.ofEpochMilli(at))
                .build();
        return record(Topics.POOT_TALLIES.name(), epochKey, summary, 1);
    }

    Record<String, SpecificRecord> payout(String nodeId, PayoutCalculation payout, long sequence) {
        PayoutCalculated calculated = PayoutCalculated.newBuilder()
                .setPayoutId(PayoutCalculation.payoutId(epoch, nodeId))
                .setEpoch(epoch)
                .setNodeId(nodeId)
                .setBalanceBefore(payout.balanceBefore())
                .setGross(payout.gross())
                .setFee(payout.fee())
                .setNet(payout.net())
                .setBalanceAfter(payout.balanceAfter())
                .setCalculatedAt(Instant.ofEpochMilli(at))
                .build();
        return record(Topics.PAYOUT_CALCULATIONS.name(), nodeId, calculated, sequence);
    }

    private Record<String, SpecificRecord> record(String topic, String key, SpecificRecord value, long sequence) {
        return new Record<>(key, value, at, DerivedHeaders.of(topic, "poot", value, key, sequence, at, null));
    }
}
