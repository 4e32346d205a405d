package io.lucid.query.audit;

import io.lucid.schemas.audit.EventChain;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code verify} over the domain topics: each partition read from its start to the end it had when the run began,
 * without a consumer group (nothing is committed), every record's chain link recomputed from its headers and value
 * (the payload rebuilt into the single-object encoding the store hashed, docs/audit.md) and followed per aggregate in
 * partition order, which is the aggregate's order.
 */
final class TopicVerifier {

    private final String bootstrap;
    private final SchemaRegistryClient registry;
    private final Map<Integer, byte[]> fingerprints = new ConcurrentHashMap<>();

    TopicVerifier(String bootstrap, SchemaRegistryClient registry) {
        this.bootstrap = bootstrap;
        this.registry = registry;
    }

    VerifyReport verify(String aggregateId) {
        VerifyReport report = new VerifyReport("topics");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Large fetches and polls: a verify reads whole partitions from their start, and each round trip to the
        // broker and each poll of a few records is overhead per record that the chain check does not need.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 << 20));
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(1 << 20));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lucid-audit-verify");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            for (Topic<String, ?> topic : Topics.domainTopics()) {
                verifyTopic(consumer, topic.name(), aggregateId, report);
            }
        }
        return report;
    }

    private void verifyTopic(KafkaConsumer<String, byte[]> consumer, String topic, String aggregateId, VerifyReport report) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        List<TopicPartition> reading = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (ends.getOrDefault(partition, 0L) > 0) {
                reading.add(partition);
            }
        }
        if (reading.isEmpty()) {
            return;
        }
        // All partitions of the topic at once, so that one fetch brings records of each: one partition at a time
        // left the run waiting on a round trip to the broker for every fetch of one partition. A partition read to
        // its end is paused; its aggregates are then finished and reported, in partition order as before.
        Map<TopicPartition, Map<String, ChainTracker>> trackers = new HashMap<>();
        reading.forEach(partition -> trackers.put(partition, new LinkedHashMap<>()));
        Set<TopicPartition> open = new HashSet<>(reading);
        consumer.assign(reading);
        consumer.seekToBeginning(reading);
        int reported = 0;
        while (reported < reading.size()) {
            for (Iterator<TopicPartition> it = open.iterator(); it.hasNext(); ) {
                TopicPartition partition = it.next();
                if (consumer.position(partition, Duration.ofSeconds(30)) >= ends.get(partition)) {
                    consumer.pause(List.of(partition));
                    it.remove();
                }
            }
            for (; reported < reading.size() && !open.contains(reading.get(reported)); reported++) {
                trackers.remove(reading.get(reported)).values().forEach(report::add);
            }
            if (open.isEmpty()) {
                break;
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            for (TopicPartition partition : records.partitions()) {
                long end = ends.get(partition);
                Map<String, ChainTracker> byAggregate = trackers.get(partition);
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (record.offset() >= end) {
                        break;
                    }
                    String key = record.key();
                    if (key == null || (aggregateId != null && !aggregateId.equals(key))) {
                        continue;
                    }
                    byAggregate.computeIfAbsent(key, k -> new ChainTracker()).accept(link(record));
                }
            }
        }
    }

    /**
     * The record's chain link. Read for every record of every domain topic, so only the chained headers are decoded
     * (a later header of the same name wins, as it would in a map of them) and the hashes are read from their bytes.
     */
    ChainTracker.Link link(ConsumerRecord<String, byte[]> record) {
        String aggregateType = null;
        String sequence = null;
        String eventId = null;
        String eventType = null;
        String time = null;
        String actor = null;
        String correlationId = null;
        String causationId = null;
        byte[] prevHash = null;
        byte[] hash = null;
        for (Header header : record.headers()) {
            byte[] value = header.value();
            switch (header.key()) {
                case CloudEventHeaders.AGGREGATE_TYPE -> aggregateType = text(value);
                case CloudEventHeaders.SEQUENCE -> sequence = text(value);
                case CloudEventHeaders.ID -> eventId = text(value);
                case CloudEventHeaders.TYPE -> eventType = text(value);
                case CloudEventHeaders.TIME -> time = text(value);
                case CloudEventHeaders.ACTOR -> actor = text(value);
                case CloudEventHeaders.CORRELATION_ID -> correlationId = text(value);
                case CloudEventHeaders.CAUSATION_ID -> causationId = text(value);
                case CloudEventHeaders.PREV_HASH -> prevHash = hash(value);
                case CloudEventHeaders.HASH -> hash = hash(value);
                default -> {
                    // not chained: the source, the spec version, the trace context, ...
                }
            }
        }
        long seq = parseLong(sequence);
        EventChain.Fields fields = new EventChain.Fields(aggregateType, record.key(), seq, eventId, eventType,
                millis(time), actor, correlationId, causationId, singleObject(record.value()));
        return new ChainTracker.Link(record.key(), aggregateType, seq, eventId, prevHash, hash, fields,
                record.topic() + "/" + record.partition() + "@" + record.offset());
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The Confluent value (0, schema id, body) as the store holds it: C3 01, the schema's fingerprint, the body. */
    private byte[] singleObject(byte[] value) {
        if (value == null || value.length < 5 || value[0] != 0) {
            return value == null ? new byte[0] : value;
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        byte[] fingerprint = fingerprints.computeIfAbsent(id, k -> ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(SchemaNormalization.parsingFingerprint64(registry.schemaById(k))).array());
        byte[] payload = new byte[2 + 8 + value.length - 5];
        payload[0] = (byte) 0xC3;
        payload[1] = 0x01;
        System.arraycopy(fingerprint, 0, payload, 2, 8);
        System.arraycopy(value, 5, payload, 10, value.length - 5);
        return payload;
    }

    /** A missing or malformed time hashes as 0: the recomputed hash then differs and the record is reported. */
    private static long millis(String time) {
        try {
            return time == null ? 0 : StoredEvent.millis(time);
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A hash header (hex, either case) as its 32 bytes; null when absent or not exactly 64 hex digits. */
    private static byte[] hash(byte[] hex) {
        if (hex == null || hex.length != 2 * EventChain.HASH_BYTES) {
            return null;
        }
        byte[] bytes = new byte[EventChain.HASH_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(hex[2 * i], 16); // -1 for anything but 0-9, a-f, A-F (a negative byte too)
            int low = Character.digit(hex[2 * i + 1], 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
