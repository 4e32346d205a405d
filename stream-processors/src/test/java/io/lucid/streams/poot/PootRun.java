package io.lucid.streams.poot;

import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.RewardCalculated;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Harness;
import io.lucid.streams.StreamsSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The PoOT topology in a {@link Harness}: proofs in, scores, tallies and calculations out. */
public final class PootRun implements AutoCloseable {

    public final Harness harness;
    private final List<SpecificRecord> calculations = new ArrayList<>();
    private final List<SpecificRecord> tallies = new ArrayList<>();

    public PootRun(StreamsSettings settings) {
        this(settings, Harness.freshScope());
    }

    public PootRun(StreamsSettings settings, String scope) {
        harness = Harness.of(PootTopology.build(settings, Harness.registry(scope)), scope);
    }

    public static StreamsSettings settings() {
        return StreamsSettings.defaults().withPoot(Proofs.SETTINGS);
    }

    /** Pipes proofs in the order they were submitted (ties by proof id), keyed by proof id as the relay keys them. */
    public PootRun submit(List<TaskProofSubmitted> proofs) {
        var input = harness.input(Topics.POOT_EVENTS);
        proofs.stream().sorted(Comparator.comparing(TaskProofSubmitted::getSubmittedAt)
                        .thenComparing(TaskProofSubmitted::getProofId))
                .forEach(p -> input.pipeInput(p.getProofId(), p, p.getSubmittedAt()));
        return this;
    }

    public PootRun submit(TaskProofSubmitted... proofs) {
        return submit(List.of(proofs));
    }

    public PootRun cancel(String payoutId, String nodeId, long gross, long millisAfterGenesis) {
        Instant at = Instant.ofEpochMilli(Proofs.SETTINGS.genesis().toEpochMilli() + millisAfterGenesis);
        harness.input(Topics.PAYOUT_EVENTS).pipeInput(payoutId,
                PayoutCancelled.newBuilder().setPayoutId(payoutId).setNodeId(nodeId).setGross(gross).setCancelledAt(at)
                        .build(), at);
        return this;
    }

    public List<NodeScoreUpdated> scores() {
        return harness.values(Topics.POOT_SCORES, NodeScoreUpdated.class);
    }

    public EpochTallied tally(long epoch) {
        drain();
        return tallies.stream().filter(EpochTallied.class::isInstance).map(EpochTallied.class::cast)
                .filter(t -> t.getEpoch() == epoch).findFirst().orElseThrow(() -> new AssertionError("no tally of " + epoch));
    }

    public List<EpochTallied> tallies() {
        drain();
        return tallies.stream().filter(EpochTallied.class::isInstance).map(EpochTallied.class::cast).toList();
    }

    public EpochRewardsDistributed distribution(long epoch) {
        drain();
        return tallies.stream().filter(EpochRewardsDistributed.class::isInstance).map(EpochRewardsDistributed.class::cast)
                .filter(t -> t.getEpoch() == epoch).findFirst().orElseThrow();
    }

    public List<RewardCalculated> rewards(long epoch) {
        drain();
        return calculations.stream().filter(RewardCalculated.class::isInstance).map(RewardCalculated.class::cast)
                .filter(r -> r.getEpoch() == epoch).toList();
    }

    public List<PayoutCalculated> payouts(long epoch) {
        drain();
        return calculations.stream().filter(PayoutCalculated.class::isInstance).map(PayoutCalculated.class::cast)
                .filter(r -> r.getEpoch() == epoch).toList();
    }

    private void drain() {
        tallies.addAll(harness.output(Topics.POOT_TALLIES).readValuesToList());
        calculations.addAll(harness.output(Topics.PAYOUT_CALCULATIONS).readValuesToList());
    }

    @Override
    public void close() {
        harness.close();
    }
}
