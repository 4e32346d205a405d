package io.lucid.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.streams.liveness.LivenessTopology;
import io.lucid.streams.pool.PoolTopology;
import io.lucid.streams.poot.PootTopology;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Every processor, store and internal topic has a chosen name (the builders would not even build otherwise:
 * {@link TopologyNaming}), so renaming code never orphans a changelog or a repartition topic.
 */
class TopologyNamingTest {

    private static List<Topology> topologies() {
        var registry = Harness.registry(Harness.freshScope());
        StreamsSettings settings = StreamsSettings.defaults();
        return List.of(PootTopology.build(settings, registry), PoolTopology.build(settings, registry),
                LivenessTopology.build(settings, registry));
    }

    @Test
    void namesEveryProcessorStoreAndInternalTopic() {
        for (Topology topology : topologies()) {
            TopologyDescription description = topology.describe();
            String text = description.toString();
            assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContain("STATE-STORE-");
            description.subtopologies().forEach(sub -> sub.nodes().forEach(node ->
                    assertThat(node.name()).matches("[a-z][a-z0-9-]*")));
        }
    }

    @Test
    void refusesToBuildATopologyWithAnUnnamedInternalTopic() {
        var builder = TopologyNaming.strictBuilder();
        builder.stream("some-topic").repartition().to("other-topic");
        assertThatThrownBy(builder::build).hasMessageContaining("has not been named");
    }

    @Test
    void funnelsTheLedgerAndPoolsThroughNamedRepartitions() {
        String poot = topologies().get(0).describe().toString();
        assertThat(poot).contains("poot-ledger-inputs-repartition", "poot-node-ledgers", "poot-clock", "poot-accounts");
        assertThat(topologies().get(1).describe().toString()).contains("pool-inputs-repartition");
    }
}
