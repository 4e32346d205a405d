package io.lucid.streams.poot;

import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Catalogue;
import io.lucid.streams.StreamsSettings;
import io.lucid.streams.TopologyNaming;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The PoOT topology: proofs to scores, epoch tallies, rewards and payouts.
 * <pre>
 * lucid.poot.events   --poot-intake (check, key by node)------\
 *                                                              +--> [poot-ledger-inputs, 1 partition] --poot-ledger-->
 * lucid.payout.events --payout-return-intake (cancellations)--/
 *     --> lucid.poot.scores          (NodeScoreUpdated, per proof)
 *     --> lucid.poot.tallies         (EpochTallied, EpochRewardsDistributed, per closed epoch)
 *     --> lucid.payout.calculations  (RewardCalculated, PayoutCalculated, per closed epoch)
 * </pre>
 * The intake checks records in parallel, one task per input partition, where a bad record's origin is known;
 * the ledger runs on one partition (see {@link PootLedger}). Every output is a function of the records on that
 * partition, in their order there; nothing reads a clock.
 */
public final class PootTopology {

    public static final Catalogue.Repartition LEDGER_INPUTS = new Catalogue.Repartition("poot-ledger-inputs", 1);

    private PootTopology() {
    }

    public static Topology build(StreamsSettings settings, SchemaRegistryClient registry) {
        PootClock clock = new PootClock(settings.poot());
        StreamsBuilder builder = TopologyNaming.strictBuilder();
        addStores(builder);

        KStream<String, SpecificRecord> proofs = builder
                .stream(Topics.POOT_EVENTS.name(), Catalogue.consumed(Topics.POOT_EVENTS, registry, "poot-events-source"))
                .process(() -> new ProofIntake(new ProofRules(clock)), Named.as("poot-intake"));
        KStream<String, SpecificRecord> payoutReturns = builder
                .stream(Topics.PAYOUT_EVENTS.name(),
                        Catalogue.consumed(Topics.PAYOUT_EVENTS, registry, "payout-events-source"))
                .process(PayoutReturnIntake::new, Named.as("payout-return-intake"));

        var outputs = proofs.merge(payoutReturns, Named.as("poot-merge-payout-returns"))
                .repartition(Catalogue.repartitioned(LEDGER_INPUTS, registry))
                .process(() -> new PootLedger(clock, settings.rewards()), Named.as("poot-ledger"),
                        PootLedger.NODES, PootLedger.CLOCK, PootLedger.ACCOUNTS, PootLedger.RETURNED)
                .split(Named.as("poot-ledger-"))
                .branch((node, value) -> value instanceof NodeScoreUpdated, Branched.as("scores"))
                .branch((key, value) -> value instanceof EpochTallied || value instanceof EpochRewardsDistributed,
                        Branched.as("tallies"))
                .defaultBranch(Branched.as("payouts"));
        outputs.get("poot-ledger-scores")
                .to(Topics.POOT_SCORES.name(), Catalogue.produced(Topics.POOT_SCORES, registry, "poot-scores-sink"));
        outputs.get("poot-ledger-tallies")
                .to(Topics.POOT_TALLIES.name(), Catalogue.produced(Topics.POOT_TALLIES, registry, "poot-tallies-sink"));
        outputs.get("poot-ledger-payouts").to(Topics.PAYOUT_CALCULATIONS.name(),
                Catalogue.produced(Topics.PAYOUT_CALCULATIONS, registry, "payout-calculations-sink"));
        return builder.build();
    }

    /** Changelogged, cached stores: updates to a hot key within a commit interval reach the changelog once. */
    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PootLedger.NODES),
                Serdes.String(), NodeState.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PootLedger.CLOCK),
                Serdes.String(), EpochClock.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PootLedger.ACCOUNTS),
                Serdes.String(), Account.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PootLedger.RETURNED),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
    }
}
