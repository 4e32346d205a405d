package io.lucid.projections.engine;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.view.ViewChanged;
import io.lucid.kit.kafka.ConsumerLoop;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.schemas.topic.Topic;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One read model running as its own projection: its consumer (group {@code <prefix>.<name>}), its loop on its own
 * thread, its offsets, deduplication rows and outbox. Several run side by side in one process, each at its own pace;
 * one that fails does not stop the others.
 */
public final class ProjectionRunner implements AutoCloseable {

    /** What the runners of one process share. */
    public record Shared(DataSource dataSource, String kafkaBootstrap, String groupPrefix, Duration dedupeRetention,
            Deserializer<SpecificRecord> deserializer, Producer<String, ViewChanged> changes,
            Producer<byte[], byte[]> deadLetters, Serializer<DeadLetter> deadLetterSerializer) {
    }

    /** The most records one batch (one transaction) takes. */
    static final int MAX_BATCH = 5_000;

    private final ReadModel model;
    private final ConsumerLoop<String, byte[]> loop;
    private final ProjectionCounters counters;

    private ProjectionRunner(ReadModel model, ConsumerLoop<String, byte[]> loop, ProjectionCounters counters) {
        this.model = model;
        this.loop = loop;
        this.counters = counters;
    }

    /** Publishes what a previous run left in the outbox, then starts consuming. */
    public static ProjectionRunner start(ReadModel model, Shared shared) {
        String name = model.name();
        ViewOutbox outbox = new ViewOutbox(name);
        OutboxPublisher publisher = new OutboxPublisher(shared.dataSource(), outbox, shared.changes(), name);
        try {
            publisher.publishPending();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the view outbox of " + name + ": " + e.getMessage(), e);
        }
        ConsumerOffsets offsets = new ConsumerOffsets(name);
        ProcessedEvents processed = new ProcessedEvents(name);
        String group = groupOf(shared.groupPrefix(), name);
        BatchApplier applier = new BatchApplier(shared.dataSource(), shared.deserializer(), Handlers.of(model),
                processed, offsets, new RowStore(name), outbox,
                new DeadLetterSink(shared.deadLetters(), shared.deadLetterSerializer(), group));
        ProjectionCounters counters = new ProjectionCounters();
        ProjectionLoop step = new ProjectionLoop(name, model.sources().stream().map(Topic::name).toList(),
                shared.dataSource(), offsets, applier, publisher, processed, shared.dedupeRetention(), counters);
        ConsumerLoop<String, byte[]> loop = ConsumerLoop.start("lucid-projection-" + name,
                () -> new KafkaConsumer<>(consumerConfig(shared.kafkaBootstrap(), group), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                step, ProjectionLoop::isTransient, ConsumerLoop.Settings.DEFAULT);
        return new ProjectionRunner(model, loop, counters);
    }

    /** The consumer group of a projection. */
    public static String groupOf(String prefix, String projection) {
        return prefix + "." + projection;
    }

    public ReadModel model() {
        return model;
    }

    public ProjectionCounters counters() {
        return counters;
    }

    /**
     * The projection's consumer metrics, its lag per partition ({@code records-lag}) among them: how far it is behind
     * its topics. Read from any thread (the consumer's metrics take no lock).
     */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return loop.metrics();
    }

    public boolean isRunning() {
        return loop.isRunning();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(loop.failure());
    }

    @Override
    public void close() {
        loop.close();
    }

    private static Map<String, Object> consumerConfig(String bootstrap, String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-consumer",
                // Positions live in consumer_offset, committed with the rows.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Derived topics are written in transactions: only committed records are views' input.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // One poll is one transaction: while catching up, large batches spread its fixed cost (round
                // trips, the commit, the outbox page) and coalesce repeated changes of a row; when live, a poll
                // returns what has arrived, so batches stay small and latency does not grow.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
    }
}
