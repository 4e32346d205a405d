package io.lucid.devstack.contract;

import io.lucid.devstack.test.TestStack;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Waits until the relay has put the expected events on Kafka, so that a client started next will find them. */
final class Published {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private Published() {
    }

    static void awaitAll(TestStack stack, Collection<DomainCommands.Expected> expected) {
        Set<String> topics = expected.stream().map(DomainCommands.Expected::topic).collect(Collectors.toSet());
        Set<String> wanted = expected.stream().map(e -> e.topic() + "/" + e.key() + "/" + e.type())
                .collect(Collectors.toSet());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "contract-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.copyOf(topics));
            Awaitility.await().atMost(PROPAGATION).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.topic() + "/" + r.key() + "/" + type(r)));
                return seen.containsAll(wanted);
            });
        }
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
