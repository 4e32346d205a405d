package io.lucid.streams.liveness;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Catalogue;
import io.lucid.streams.StreamsSettings;
import io.lucid.streams.TopologyNaming;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The liveness topology:
 * <pre>
 * lucid.node.events + lucid.node.telemetry --node-liveness--> lucid.node.health
 * lucid.rdp.events  + lucid.rdp.telemetry  --rdp-liveness---> lucid.rdp.health
 * </pre>
 * Each pair is keyed by the same id (node id, server id) and has the same partition count, so lifecycle and
 * telemetry of a subject meet in one task without a repartition. Unlike the other topologies its output depends on
 * wall-clock time (see {@link Presence}): it is not a replayable function of the input.
 */
public final class LivenessTopology {

    private LivenessTopology() {
    }

    public static Topology build(StreamsSettings settings, SchemaRegistryClient registry) {
        StreamsBuilder builder = TopologyNaming.strictBuilder();
        add(builder, registry, "node-liveness", Topics.NODE_EVENTS, Topics.NODE_TELEMETRY, Topics.NODE_HEALTH,
                Watches.nodes(settings.liveness().heartbeatTimeout()), settings);
        add(builder, registry, "rdp-liveness", Topics.RDP_EVENTS, Topics.RDP_TELEMETRY, Topics.RDP_HEALTH,
                Watches.rdpServers(settings.liveness().rdpReportTimeout()), settings);
        return builder.build();
    }

    private static void add(StreamsBuilder builder, SchemaRegistryClient registry, String name, Topic<String, ?> lifecycle,
            Topic<String, ?> telemetry, Topic<String, ?> out, Watch watch, StreamsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(watch.store()), Serdes.String(),
                Tracked.SERDE).withCachingEnabled());
        builder.stream(lifecycle.name(), Catalogue.consumed(lifecycle, registry, name + "-lifecycle-source"))
                .merge(builder.stream(telemetry.name(), Catalogue.consumed(telemetry, registry, name + "-telemetry-source")),
                        Named.as(name + "-inputs"))
                .process(() -> new PresenceProcessor(watch, settings.liveness().checkInterval()), Named.as(name),
                        watch.store())
                .to(out.name(), Catalogue.produced(out, registry, name + "-sink"));
    }
}
