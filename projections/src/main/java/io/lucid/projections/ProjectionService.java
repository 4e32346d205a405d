package io.lucid.projections;

import io.lucid.schemas.registry.CompatibilityPolicy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.view.ViewChanged;
import io.lucid.projections.engine.ProjectionRunner;
import io.lucid.projections.engine.ReadSchema;
import io.lucid.projections.engine.ReplayCoordinator;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections as a running service: migrates the read schema (the engine's tables, then each read model's),
 * creates the topics they need, then runs every read model as its own projection ({@link ProjectionRunner}) until
 * {@link #close()}.
 *
 * <pre>{@code
 * try (ProjectionService projections = ProjectionService.start(ProjectionConfig.fromEnvironment())) { ... }
 * }</pre>
 */
public final class ProjectionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionService.class);

    private final HikariDataSource dataSource;
    private final Producer<String, ViewChanged> changes;
    private final Producer<byte[], byte[]> deadLetters;
    private final List<ProjectionRunner> runners;
    private final ReplayCoordinator replays;

    private ProjectionService(HikariDataSource dataSource, Producer<String, ViewChanged> changes,
            Producer<byte[], byte[]> deadLetters, List<ProjectionRunner> runners, ReplayCoordinator replays) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.deadLetters = deadLetters;
        this.runners = List.copyOf(runners);
        this.replays = replays;
    }

    /**
     * Starts the projections. Fails when the database or Kafka cannot be reached at start; once running, outages
     * are waited out.
     */
    public static ProjectionService start(ProjectionConfig config) {
        List<ReadModel> models = ReadModels.named(config.only());
        LOG.info("Starting projections {} with {}", models.stream().map(ReadModel::name).toList(), config);
        HikariDataSource dataSource = dataSource(config, models.size());
        Producer<String, ViewChanged> changes = null;
        Producer<byte[], byte[]> deadLetters = null;
        List<ProjectionRunner> runners = new ArrayList<>();
        try {
            ReadSchema.migrate(dataSource, config.schema(), models);
            TopicProvisioner.ensure(config.kafkaBootstrap(), topics(models));
            SchemaRegistryClient registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
            CompatibilityPolicy.enforce(registry, config.schemaRegistryUrl());
            changes = new KafkaProducer<>(producerConfig(config, "changes"), new StringSerializer(),
                    Topics.VIEW_CHANGES.valueSerde(registry).serializer());
            deadLetters = new KafkaProducer<>(producerConfig(config, "deadletters"), new ByteArraySerializer(),
                    new ByteArraySerializer());
            ProjectionRunner.Shared shared = new ProjectionRunner.Shared(dataSource, config.kafkaBootstrap(),
                    config.groupPrefix(), config.dedupeRetention(),
                    new AvroSerde<SpecificRecord>(registry).deserializer(), changes, deadLetters,
                    Topics.DEAD_LETTERS.valueSerde(registry).serializer());
            for (ReadModel model : models) {
                runners.add(ProjectionRunner.start(model, shared));
            }
            ReplayCoordinator replays = ReplayCoordinator.start(dataSource, config, models, shared);
            return new ProjectionService(dataSource, changes, deadLetters, runners, replays);
        } catch (RuntimeException e) {
            runners.forEach(ProjectionRunner::close);
            if (changes != null) {
                changes.close(Duration.ZERO);
            }
            if (deadLetters != null) {
                deadLetters.close(Duration.ZERO);
            }
            dataSource.close();
            throw e;
        }
    }

    /** The coordinator of this service's blue/green rebuilds. */
    public ReplayCoordinator replays() {
        return replays;
    }

    /** The running projections. */
    public List<ProjectionRunner> runners() {
        return runners;
    }

    /** Whether every projection still runs; false after {@link #close()} or after one stopped on an error. */
    public boolean isRunning() {
        return runners.stream().allMatch(ProjectionRunner::isRunning);
    }

    /** Why a projection stopped, if one stopped on an error. */
    public Optional<Throwable> failure() {
        return runners.stream().map(ProjectionRunner::failure).flatMap(Optional::stream).findFirst();
    }

    @Override
    public void close() {
        replays.close();
        runners.forEach(ProjectionRunner::close);
        changes.close(Duration.ofSeconds(5));
        deadLetters.close(Duration.ofSeconds(5));
        dataSource.close();
    }

    private static List<Topic<String, ? extends SpecificRecord>> topics(List<ReadModel> models) {
        Set<Topic<String, ? extends SpecificRecord>> topics = new LinkedHashSet<>();
        models.forEach(model -> topics.addAll(model.sources()));
        topics.add(Topics.VIEW_CHANGES);
        topics.add(Topics.DEAD_LETTERS);
        return List.copyOf(topics);
    }

    private static HikariDataSource dataSource(ProjectionConfig config, int projections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setSchema(config.schema());
        hikari.setPoolName("lucid-projections");
        // Each loop uses one connection at a time; a few more for migrations, outboxes and pruning, and one per
        // read model for a rebuild reading the live offsets while the loops wait at its fence (docs/replay.md).
        hikari.setMaximumPoolSize(2 * projections + 3);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    private static Map<String, Object> producerConfig(ProjectionConfig config, String purpose) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, config.groupPrefix() + "-" + purpose,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Kafka 4 lingers 5 ms by default: that is latency on every live update.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    }
}
