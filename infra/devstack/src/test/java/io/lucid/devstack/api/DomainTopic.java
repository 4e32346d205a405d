package io.lucid.devstack.api;

import static org.awaitility.Awaitility.await;

import io.lucid.devstack.test.TestStack;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one aggregate's events from its domain topic as the relay published them: decoded with the registry (the
 * Confluent wire format) and with their CloudEvents headers, in topic order (which is the aggregate's order).
 */
public final class DomainTopic {

    /** One published event: the decoded record and the headers it travelled with. */
    public record Published(SpecificRecord event, ConsumerRecord<String, byte[]> record) {

        public String header(String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        public String type() {
            return event.getSchema().getName();
        }
    }

    private final TestStack stack;
    private final AvroWireFormat wireFormat;

    public DomainTopic(TestStack stack) {
        this.stack = stack;
        this.wireFormat = new AvroWireFormat(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()));
    }

    /** Every event keyed {@code aggregateId} on {@code topic}, waiting up to {@code timeout} until {@code complete} holds. */
    public List<Published> eventsOf(Topic<String, ? extends SpecificRecord> topic, String aggregateId, Duration timeout,
            Predicate<List<Published>> complete) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "command-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Published> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Published published = new Published(null, record);
                    // Delivery is at-least-once (a relay restart may repeat events): dedupe by event id, as consumers do.
                    if (aggregateId.equals(record.key()) && seen.add(published.header("ce_id"))) {
                        found.add(new Published(wireFormat.deserialize(record.topic(), record.value()), record));
                    }
                }
                return complete.test(found);
            });
        }
        return found;
    }

    /** Waits until at least {@code count} events of the aggregate arrived. */
    public List<Published> eventsOf(Topic<String, ? extends SpecificRecord> topic, String aggregateId, int count) {
        return eventsOf(topic, aggregateId, Duration.ofSeconds(60), events -> events.size() >= count);
    }
}
