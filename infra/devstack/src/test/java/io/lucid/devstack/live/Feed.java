package io.lucid.devstack.live;

import io.lucid.devstack.test.TestStack;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The change feed as the ground truth of live tests: the versions (offset + 1) of a view's rows' changes. */
final class Feed {

    private Feed() {
    }

    /**
     * The channel versions of every change of {@code ids} in {@code view} after {@code since}, per id in feed order,
     * read until each id has one and then two seconds more (changes that follow are not waited for).
     */
    static Map<String, List<Long>> changes(TestStack stack, String view, List<String> ids, long since) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        Deserializer<ViewChanged> values = Topics.VIEW_CHANGES
                .valueSerde(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())).deserializer();
        Map<String, List<Long>> changes = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIEW_CHANGES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long allSeenAt = Long.MAX_VALUE;
            while ((allSeenAt == Long.MAX_VALUE || System.nanoTime() - allSeenAt < 2_000_000_000L)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ViewChanged change = values.deserialize(record.topic(), record.headers(), record.value());
                    if (record.offset() + 1 > since && view.equals(change.getView()) && ids.contains(change.getId())) {
                        if (!view.equals(record.key())) {
                            throw new AssertionError("a change keyed " + record.key() + ", not by its view " + view);
                        }
                        changes.computeIfAbsent(change.getId(), id -> new ArrayList<>()).add(record.offset() + 1);
                        if (changes.size() == ids.size() && allSeenAt == Long.MAX_VALUE) {
                            allSeenAt = System.nanoTime();
                        }
                    }
                }
            }
        }
        return changes;
    }
}
