package io.lucid.projections;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lucid.events.view.ViewChanged;
import io.lucid.projections.node.NodeProjection;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections as a running service: migrates the read schema, creates the topics it needs, publishes the
 * outbox left by a previous run, then runs the {@link ProjectionLoop} on its own thread until {@link #close()}.
 *
 * <pre>{@code
 * try (ProjectionService projections = ProjectionService.start(ProjectionConfig.fromEnvironment())) { ... }
 * }</pre>
 */
public final class ProjectionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionService.class);

    /** The topics whose events the projections apply; every record type on them needs a handler. */
    static final List<Topic<String, ? extends SpecificRecord>> SOURCES = List.of(Topics.NODE_EVENTS);

    private final HikariDataSource dataSource;
    private final Producer<String, ViewChanged> producer;
    private final ProjectionLoop loop;
    private final Thread thread;

    private ProjectionService(HikariDataSource dataSource, Producer<String, ViewChanged> producer,
            ProjectionLoop loop) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.loop = loop;
        this.thread = new Thread(loop, "lucid-projections");
    }

    /**
     * Starts the projections. Fails when the database or Kafka cannot be reached at start; once running, outages
     * are waited out.
     */
    public static ProjectionService start(ProjectionConfig config) {
        LOG.info("Starting projections with {}", config);
        HikariDataSource dataSource = dataSource(config);
        Producer<String, ViewChanged> producer = null;
        try {
            ReadSchema.migrate(dataSource);
            TopicProvisioner.ensure(config.kafkaBootstrap(), List.of(Topics.NODE_EVENTS, Topics.VIEW_CHANGES));
            SchemaRegistryClient registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
            producer = new KafkaProducer<>(producerConfig(config), new StringSerializer(),
                    Topics.VIEW_CHANGES.valueSerde(registry).serializer());
            ViewOutbox outbox = new ViewOutbox(config.groupId());
            OutboxPublisher publisher = new OutboxPublisher(dataSource, outbox, producer);
            publishLeftovers(publisher);
            ConsumerOffsets offsets = new ConsumerOffsets(config.groupId());
            BatchApplier applier = new BatchApplier(dataSource, new AvroSerde<SpecificRecord>(registry).deserializer(),
                    handlers(), offsets, outbox);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(config),
                    new StringDeserializer(), new ByteArrayDeserializer());
            ProjectionLoop loop = new ProjectionLoop(consumer, SOURCES.stream().map(Topic::name).toList(), dataSource,
                    offsets, applier, publisher);
            ProjectionService service = new ProjectionService(dataSource, producer, loop);
            service.thread.start();
            return service;
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            dataSource.close();
            throw e;
        }
    }

    /** Every projection's handlers, by event class. */
    static EventHandlers handlers() {
        return new NodeProjection().register(EventHandlers.builder()).build();
    }

    /** Whether the loop still runs; false after {@link #close()} or after it stopped on an error. */
    public boolean isRunning() {
        return loop.isRunning() && thread.isAlive();
    }

    /** Why the loop stopped, if it stopped on an error. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(loop.failure());
    }

    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        dataSource.close();
    }

    /** Changes committed by a previous run but never acknowledged; the loop retries what still fails. */
    private static void publishLeftovers(OutboxPublisher publisher) {
        try {
            publisher.publishPending();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the view outbox: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource dataSource(ProjectionConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setPoolName("lucid-projections");
        // The loop uses one connection at a time; one more for migrations and the outbox.
        hikari.setMaximumPoolSize(3);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    private static Map<String, Object> consumerConfig(ProjectionConfig config) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer",
                // Positions live in read.consumer_offset, committed with the rows.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    }

    private static Map<String, Object> producerConfig(ProjectionConfig config) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-outbox",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Kafka 4 lingers 5 ms by default: that is latency on every live update.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    }
}
