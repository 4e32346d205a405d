package io.lucid.registry.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log on a compacted single-partition Kafka topic (Confluent's {@code _schemas} design). A
 * reader thread follows the topic and applies every record; {@link #append} produces with {@code acks=all} and
 * an idempotent producer, then waits until the reader has applied its own record, so that a write is visible
 * to the next request once it returns.
 *
 * <p>One partition because the log is totally ordered; compacted because the latest value per key is the
 * state. Single writer: run one registry server per topic.
 */
public final class KafkaStore implements RegistryStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStore.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrap;
    private final String topic;
    private final short replicationFactor;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object readProgress = new Object();
    private volatile boolean running = true;
    private volatile RuntimeException readerFailure;
    private long readUpTo;
    private Thread reader;
    private KafkaConsumer<byte[], byte[]> consumer;

    public KafkaStore(String bootstrap, String topic, short replicationFactor) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.replicationFactor = replicationFactor;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(producerConfig(bootstrap));
    }

    @Override
    public void start(Applier applier) {
        ensureTopic();
        consumer = new KafkaConsumer<>(consumerConfig(bootstrap));
        reader = new Thread(() -> follow(applier), "registry-log-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!caughtUp.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("Timed out replaying " + topic + " after " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while replaying " + topic, e);
        }
        if (readerFailure != null) {
            throw readerFailure;
        }
    }

    @Override
    public void append(byte[] key, byte[] value) {
        long offset;
        try {
            offset = producer.send(new ProducerRecord<>(topic, 0, key, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("Write to " + topic + " not acknowledged: " + e.getMessage(), e);
        }
        awaitRead(offset + 1);
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(WRITE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void follow(Applier applier) {
        try (KafkaConsumer<byte[], byte[]> c = consumer) {
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            long end = c.endOffsets(List.of(partition)).get(partition);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) {
                    applySafely(applier, record);
                }
                long position = c.position(partition);
                markRead(position);
                if (position >= end) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(new StoreException("Reader of " + topic + " woken up unexpectedly", e));
            }
        } catch (RuntimeException e) {
            fail(new StoreException("Reader of " + topic + " failed: " + e.getMessage(), e));
        }
    }

    /** A record the registry cannot apply is skipped, not fatal: one bad record must not take the registry down. */
    private void applySafely(Applier applier, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        try {
            applier.apply(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.error("Skipping record at offset {} of {}: {}", record.offset(), topic, e.getMessage(), e);
        }
    }

    private void fail(RuntimeException failure) {
        LOG.error("{}", failure.getMessage(), failure);
        readerFailure = failure;
        caughtUp.countDown();
        synchronized (readProgress) {
            readProgress.notifyAll();
        }
    }

    private void markRead(long position) {
        synchronized (readProgress) {
            readUpTo = position;
            readProgress.notifyAll();
        }
    }

    private void awaitRead(long position) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        synchronized (readProgress) {
            while (readUpTo < position) {
                if (readerFailure != null) {
                    throw readerFailure;
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new StoreException("Write to " + topic + " at offset " + (position - 1)
                            + " not read back within " + WRITE_TIMEOUT);
                }
                try {
                    readProgress.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("Interrupted while reading back " + topic, e);
                }
            }
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDescription description = describe(admin);
            if (description == null) {
                create(admin);
                return;
            }
            if (description.partitions().size() != 1) {
                throw new StoreException("Topic " + topic + " has " + description.partitions().size()
                        + " partitions; the registry log needs exactly 1 to stay totally ordered");
            }
            warnUnlessCompacted(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while preparing " + topic, e);
        } catch (ExecutionException e) {
            throw new StoreException("Cannot prepare topic " + topic + ": " + e.getCause().getMessage(), e);
        }
    }

    private TopicDescription describe(Admin admin) throws InterruptedException, ExecutionException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private void create(Admin admin) throws InterruptedException, ExecutionException {
        NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            LOG.info("Created registry log topic {} (1 partition, compacted, replication factor {})",
                    topic, replicationFactor);
        } catch (ExecutionException e) {
            // Another process created it between our describe and create: fine, it is the same topic.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void warnUnlessCompacted(Admin admin) throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        var policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warn("Registry log topic {} is not compacted (cleanup.policy={}): schemas may expire with retention",
                    topic, policy == null ? "?" : policy.value());
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lucid-registry-writer");
        // Brokers without a client-telemetry plugin answer every push attempt with an error in the log.
        props.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties consumerConfig(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // No group: the reader assigns the partition itself and always replays from the beginning.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lucid-registry-reader");
        props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
