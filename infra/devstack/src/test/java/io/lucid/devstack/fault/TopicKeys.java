package io.lucid.devstack.fault;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning to its current end, without a group: how many records each key has and
 * how many carry each {@code ce_id} header (an event published twice shows as a count of 2).
 */
final class TopicKeys {

    /**
     * @param sequencesByKey each key's {@code ce_sequence} headers in topic order (a key lives on one partition)
     */
    record Contents(Map<String, Integer> byKey, Map<String, Integer> byEventId, Map<String, String> keyOfEvent,
            Map<String, List<Long>> sequencesByKey) {

        long duplicates() {
            return byEventId.values().stream().filter(n -> n > 1).count();
        }

        /** Events published more than once among those of these keys: what one test wrote, on a shared topic. */
        long duplicatesAmong(java.util.Set<String> keys) {
            return byEventId.entrySet().stream().filter(e -> e.getValue() > 1)
                    .filter(e -> keys.contains(keyOfEvent.get(e.getKey()))).count();
        }

        /**
         * The keys whose records do not carry the sequence 0, 1, 2, ... in topic order, with what they carry: a
         * repeated number is an effect written twice, a missing one an effect lost. Records without the header are
         * not counted.
         */
        Map<String, List<Long>> brokenSequences() {
            Map<String, List<Long>> broken = new TreeMap<>();
            sequencesByKey.forEach((key, sequences) -> {
                for (int i = 0; i < sequences.size(); i++) {
                    if (sequences.get(i) != i) {
                        broken.put(key, sequences);
                        return;
                    }
                }
            });
            return broken;
        }
    }

    private TopicKeys() {
    }

    static Contents read(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<String, Integer> byKey = new HashMap<>();
            Map<String, Integer> byEventId = new HashMap<>();
            Map<String, String> keyOfEvent = new HashMap<>();
            Map<String, List<Long>> sequencesByKey = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 120 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byKey.merge(String.valueOf(record.key()), 1, Integer::sum);
                    var id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        String eventId = new String(id.value(), java.nio.charset.StandardCharsets.UTF_8);
                        byEventId.merge(eventId, 1, Integer::sum);
                        keyOfEvent.put(eventId, String.valueOf(record.key()));
                    }
                    var sequence = record.headers().lastHeader(CloudEventHeaders.SEQUENCE);
                    if (sequence != null) {
                        sequencesByKey.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>())
                                .add(Long.parseLong(new String(sequence.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            }
            return new Contents(byKey, byEventId, keyOfEvent, sequencesByKey);
        }
    }
}
