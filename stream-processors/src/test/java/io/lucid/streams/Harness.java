package io.lucid.streams;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} configured like the running applications (dead-letter handlers, strict naming), with
 * an in-memory registry of its own scope, and typed access to the catalogue's topics.
 */
public final class Harness implements AutoCloseable {

    public static final Instant WALL_CLOCK_START = Instant.parse("2024-01-01T00:00:00Z");

    private final TopologyTestDriver driver;
    private final SchemaRegistryClient registry;
    private final Serde<SpecificRecord> serde;

    private Harness(Topology topology, String scope) {
        String url = "mock://" + scope;
        this.registry = SchemaRegistryClient.connect(url);
        this.serde = Catalogue.records(registry);
        Properties props = StreamsProperties.common("test-" + scope, url);
        props.put("bootstrap.servers", "unused:9092");
        this.driver = new TopologyTestDriver(topology, props, WALL_CLOCK_START);
    }

    /** A fresh in-memory registry scope: schema ids start at 1 again, as on a fresh registry. */
    public static String freshScope() {
        return "streams-" + UUID.randomUUID();
    }

    public static SchemaRegistryClient registry(String scope) {
        return SchemaRegistryClient.connect("mock://" + scope);
    }

    public static Harness of(Topology topology, String scope) {
        return new Harness(topology, scope);
    }

    public TestInputTopic<String, SpecificRecord> input(Topic<String, ?> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), serde.serializer());
    }

    public TestInputTopic<byte[], byte[]> rawInput(Topic<String, ?> topic) {
        return driver.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public TestOutputTopic<String, SpecificRecord> output(Topic<String, ?> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), serde.deserializer());
    }

    public TestOutputTopic<byte[], byte[]> rawOutput(Topic<String, ?> topic) {
        return driver.createOutputTopic(topic.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public <V extends SpecificRecord> List<V> values(Topic<String, ?> topic, Class<V> type) {
        return output(topic).readValuesToList().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<TestRecord<String, SpecificRecord>> records(Topic<String, ?> topic) {
        return output(topic).readRecordsToList();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** The sum of a Kafka Streams metric over every task and processor, e.g. {@code late-proofs-total}. */
    public double metric(String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : driver.metrics().entrySet()) {
            if (m.getKey().name().equals(name) && m.getValue().metricValue() instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        driver.close();
    }
}
