package io.lucid.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The repartition topics the runtime creates before an application starts are exactly those its topology reads,
 * named as Kafka Streams names them: one missing from the declaration would bring the start-up warnings back, one
 * too many would be an orphan topic on the cluster.
 */
class InternalTopicsTest {

    @Test
    void declaresExactlyTheRepartitionTopicsOfEachTopology() {
        var registry = Harness.registry(Harness.freshScope());
        StreamProcessors.APPLICATIONS.forEach((name, application) -> {
            TopologyDescription description = application.topology().apply(StreamsSettings.defaults(), registry).describe();
            Set<String> read = new TreeSet<>();
            description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().stream().filter(topic -> topic.endsWith("-repartition")).forEach(read::add);
                }
            }));
            Set<String> declared = new TreeSet<>();
            application.repartitions().forEach(r -> declared.add(r.name() + "-repartition"));
            assertThat(declared).as("repartition topics of %s", name).isEqualTo(read);
        });
    }

    @Test
    void createsThemWithTheApplicationIdPrefixAndKafkaStreamsSettings() {
        StreamProcessorsConfig config = StreamProcessorsConfig.of("unused:9092", "http://unused").withApplicationPrefix("acme");
        List<NewTopic> topics = InternalTopics.of(StreamsProperties.applicationId(config, "poot"),
                StreamProcessors.APPLICATIONS.get("poot").repartitions());
        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic.name()).isEqualTo("acme-poot-poot-ledger-inputs-repartition");
            assertThat(topic.numPartitions()).isEqualTo(1);
            assertThat(topic.configs()).containsAllEntriesOf(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
        });
    }
}
