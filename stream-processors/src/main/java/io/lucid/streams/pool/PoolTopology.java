package io.lucid.streams.pool;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Catalogue;
import io.lucid.streams.StreamsSettings;
import io.lucid.streams.TopologyNaming;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The pool topology (DOMAIN.md section 6):
 * <pre>
 * lucid.node.events  --pool-node-intake---\
 * lucid.poot.scores  --pool-score-intake---+--> [pool-inputs, 1 partition] --pool-assign--> lucid.pool.events
 * lucid.poot.tallies --pool-tally-intake--/|
 * lucid.node.health  --pool-health-intake-/
 * </pre>
 * Pools are a function of the records on the single {@code pool-inputs} partition, in their order there, except that
 * tallies are applied in epoch order whatever order their partitions were merged in.
 */
public final class PoolTopology {

    public static final Catalogue.Repartition INPUTS = new Catalogue.Repartition("pool-inputs", 1);

    private PoolTopology() {
    }

    public static Topology build(StreamsSettings settings, SchemaRegistryClient registry) {
        StreamsBuilder builder = TopologyNaming.strictBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.NODES),
                Serdes.String(), PoolCodecs.NODE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.POOLS),
                Serdes.String(), PoolCodecs.POOL).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.TIERS),
                Serdes.String(), PoolCodecs.OCCUPANCY).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.SEQUENCES),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.HELD_TALLIES),
                Serdes.String(), HeldTally.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PoolProcessor.TALLY_PROGRESS),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        KStream<String, SpecificRecord> inputs = intake(builder, Topics.NODE_EVENTS, "pool-node", registry)
                .merge(intake(builder, Topics.POOT_SCORES, "pool-score", registry), Named.as("pool-merge-scores"))
                .merge(intake(builder, Topics.POOT_TALLIES, "pool-tally", registry), Named.as("pool-merge-tallies"))
                .merge(intake(builder, Topics.NODE_HEALTH, "pool-health", registry), Named.as("pool-merge-health"));
        inputs.repartition(Catalogue.repartitioned(INPUTS, registry))
                .process(() -> new PoolProcessor(settings.pools()), Named.as("pool-assign"),
                        PoolProcessor.NODES, PoolProcessor.POOLS, PoolProcessor.TIERS, PoolProcessor.SEQUENCES,
                        PoolProcessor.HELD_TALLIES, PoolProcessor.TALLY_PROGRESS)
                .to(Topics.POOL_EVENTS.name(), Catalogue.produced(Topics.POOL_EVENTS, registry, "pool-events-sink"));
        return builder.build();
    }

    private static KStream<String, SpecificRecord> intake(StreamsBuilder builder, Topic<String, ?> topic, String name,
            SchemaRegistryClient registry) {
        return builder.stream(topic.name(), Catalogue.consumed(topic, registry, name + "-source"))
                .process(() -> new PoolIntake(topic.name()), Named.as(name + "-intake"));
    }
}
