package io.lucid.streams;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * A {@link StreamsBuilder} that refuses to build a topology with an unnamed processor, store or internal topic
 * (KIP-1111): generated names change when the topology changes, and with them the changelog and repartition
 * topics a running application depends on.
 */
public final class TopologyNaming {

    private TopologyNaming() {
    }

    public static StreamsBuilder strictBuilder() {
        Properties props = new Properties();
        // StreamsConfig insists on these two; only the naming rule is used here, at build time.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-builder");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Every StreamsConfig without it warns; see StreamsProperties#common.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    }
}
