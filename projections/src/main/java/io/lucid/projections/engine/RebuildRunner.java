package io.lucid.projections.engine;

import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.schemas.topic.Topic;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read model rebuilt into another schema, by the same {@link BatchApplier} the live projection uses, so a batch
 * of the rebuild is exactly what a batch of the live projection would be. It reads its topics by assignment (no
 * consumer group) and never passes the live projection: before each poll it reads the live projection's committed
 * offsets and pauses every partition that has reached them, and drops (and seeks back to) what a poll returned
 * beyond them. It writes no change feed ({@link BatchApplier#withoutChangeFeed}): its changes are not the live views'.
 * When the live projection is held still (the coordinator's fence), the rebuild therefore stops at
 * exactly the live offsets: the point where the two can be compared and swapped.
 *
 * <p>Every batch is fenced by the generation of the replay lock its coordinator took ({@link FencingToken}): once
 * another coordinator has taken the lock, the next batch rolls back and the runner stops, {@link #takenOver()}.
 */
final class RebuildRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildRunner.class);

    private final ReadModel model;
    private final DataSource rebuild;
    private final DataSource live;
    private final BatchApplier applier;
    private final ConsumerOffsets offsets;
    private final String bootstrap;
    private volatile boolean stopped;
    private volatile Consumer<String, byte[]> consumer;
    private volatile long done;
    private volatile long total;
    private volatile boolean caughtUp;
    private volatile int deadLetters;
    private volatile Throwable failure;
    private volatile FencingToken.TakenOver takenOver;

    RebuildRunner(ReadModel model, DataSource rebuild, DataSource live, ProjectionRunner.Shared shared,
            String group, FencingToken token) {
        this.model = model;
        this.rebuild = rebuild;
        this.live = live;
        this.bootstrap = shared.kafkaBootstrap();
        this.offsets = new ConsumerOffsets(model.name());
        this.applier = new BatchApplier(rebuild, shared.deserializer(), Handlers.of(model),
                new ProcessedEvents(model.name()), offsets, new RowStore(model.name()), new ViewOutbox(model.name()),
                new DeadLetterSink(shared.deadLetters(), shared.deadLetterSerializer(), group), token::hold)
                .withoutChangeFeed();
    }

    String projection() {
        return model.name();
    }

    /** Events applied (or passed as duplicates and dead letters) so far, counted from the start of the topics. */
    long done() {
        return done;
    }

    /** Events up to the live projection's offsets, counted from the start of the topics. */
    long total() {
        return total;
    }

    /** Whether, at its last look, every partition stood at the live projection's offset. */
    boolean caughtUp() {
        return caughtUp;
    }

    int deadLetters() {
        return deadLetters;
    }

    Throwable failure() {
        return failure;
    }

    /** Why the runner stopped without committing its last batch: another coordinator holds the lock now. */
    FencingToken.TakenOver takenOver() {
        return takenOver;
    }

    void stop() {
        stopped = true;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            try (Consumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (FencingToken.TakenOver e) {
                // Not a failure of the rebuild: its new holder continues it. The coordinator reports it.
                LOG.info("Rebuild of {} stops: its batch was refused, {}", model.name(), e.getMessage());
                takenOver = e;
                return;
            } catch (SQLException e) {
                if (!ProjectionLoop.isTransient(e)) {
                    failure = e;
                    return;
                }
                LOG.info("Rebuild of {} waits for the database: {}", model.name(), e.getMessage());
                sleep(1_000);
            } catch (RuntimeException e) {
                if (!ProjectionLoop.isTransient(e)) {
                    failure = e;
                    return;
                }
                sleep(1_000);
            }
        }
    }

    private void follow(Consumer<String, byte[]> kafka) throws SQLException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : model.sources()) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic.name(), Duration.ofSeconds(30));
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> applied = new HashMap<>(begin);
        try (Connection connection = rebuild.getConnection()) {
            applied.putAll(offsets.load(connection, partitions));
        }
        applied.forEach(kafka::seek);
        while (!stopped) {
            Map<TopicPartition, Long> target;
            try (Connection connection = live.getConnection()) {
                target = offsets.load(connection, partitions);
            }
            long left = 0;
            long all = 0;
            List<TopicPartition> pause = new ArrayList<>();
            List<TopicPartition> resume = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                long end = Math.max(target.getOrDefault(partition, begin.get(partition)), begin.get(partition));
                all += end - begin.get(partition);
                left += Math.max(0, end - applied.get(partition));
                (kafka.position(partition) >= end ? pause : resume).add(partition);
            }
            total = all;
            done = all - left;
            caughtUp = left == 0;
            kafka.pause(pause);
            kafka.resume(resume);
            ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(resume.isEmpty() ? 200 : 500));
            if (records.isEmpty()) {
                continue;
            }
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
            for (TopicPartition partition : records.partitions()) {
                long end = target.getOrDefault(partition, 0L);
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (record.offset() < end) {
                        batch.add(record);
                    } else {
                        // Beyond the live projection: read again once it has got there.
                        kafka.seek(partition, record.offset());
                        break;
                    }
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            BatchApplier.Outcome outcome = applier.apply(batch);
            deadLetters += outcome.deadLetters();
            for (ConsumerRecord<String, byte[]> record : batch) {
                applied.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "lucid-replay." + model.name(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
