package io.lucid.examples.analytics;

import io.lucid.schemas.serde.AvroDeserializer;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.serde.DeserializationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An analytics consumer written against the published contract only: plain {@code kafka-clients} and the
 * {@code schemas} artifact's {@link AvroDeserializer}, configured by class name as any Kafka client would be. It reads
 * every {@code lucid.*.events} topic from the beginning, prints a few decoded events and the number of records per
 * type, and stops once it has read what the topics held when it started. A record it cannot decode stops it with a
 * message naming schema id, topic, partition and offset; it never skips one.
 *
 * <pre>
 * java ... io.lucid.examples.analytics.AnalyticsConsumer --bootstrap localhost:9092 --registry http://localhost:8081
 *     [--topics '^lucid\..+\.events$'] [--samples 2] [--json] [--timeout-ms 120000]
 * </pre>
 */
public final class AnalyticsConsumer {

    private final Map<String, String> options;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> samples = new ArrayList<>();

    private AnalyticsConsumer(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        try {
            new AnalyticsConsumer(parse(args)).run();
        } catch (RecordDeserializationException e) {
            System.err.println("analytics-java: " + DeserializationFailure.describe(e));
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("analytics-java: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("bootstrap"));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put(AvroSerializer.REGISTRY_URL_CONFIG, options.get("registry"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Pattern topics = Pattern.compile(options.get("topics"));
        long deadline = System.currentTimeMillis() + Long.parseLong(options.get("timeout-ms"));
        int total = 0;
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
            // Assigned rather than subscribed: no consumer group, every run reads from the beginning.
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            end.putAll(consumer.endOffsets(partitions));
            while (!reached(consumer, end)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out before reaching the end offsets " + end);
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    total++;
                    print(record);
                }
            }
            report(total, partitions);
        }
    }

    private void print(ConsumerRecord<String, SpecificRecord> record) {
        String type = record.value() == null ? "(tombstone)" : record.value().getSchema().getFullName();
        counts.merge(type, 1, Integer::sum);
        String line = record.topic() + "-" + record.partition() + "@" + record.offset() + " key=" + record.key()
                + " " + type + " " + record.value();
        if (Boolean.parseBoolean(options.get("json"))) {
            System.out.println(line);
        } else if (samples.stream().filter(sample -> sample.contains(" " + type + " ")).count()
                < Integer.parseInt(options.get("samples"))) {
            samples.add(line);
        }
    }

    private void report(int total, List<TopicPartition> partitions) {
        long topicCount = partitions.stream().map(TopicPartition::topic).distinct().count();
        System.out.println("Read " + total + " records from " + topicCount + " topics");
        if (!samples.isEmpty()) {
            System.out.println("\nSample events:");
            samples.forEach(sample -> System.out.println("  " + sample));
        }
        System.out.println("\nRecords per type:");
        counts.forEach((type, count) -> System.out.printf("  %8d  %s%n", count, type));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Pattern topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics().entrySet()) {
            if (topics.matcher(topic.getKey()).find()) {
                topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>(Map.of("bootstrap", "localhost:9092",
                "registry", "http://localhost:8081", "topics", "^lucid\\..+\\.events$", "samples", "2",
                "json", "false", "timeout-ms", "120000"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (name.equals("json")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
        }
        return options;
    }
}
