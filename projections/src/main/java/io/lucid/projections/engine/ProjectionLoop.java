package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one projection: positions come from {@code consumer_offset} (not from Kafka's committed
 * offsets), each poll batch is applied in one transaction by {@link BatchApplier}, then the outbox is published. A
 * database or dead-letter-topic outage is waited out with a growing back-off (the batch is re-read from its first
 * offset); bad records never stop it, they are dead-lettered. Old deduplication rows are pruned on the side.
 */
final class ProjectionLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
    /** Short: poll returns as soon as records arrive; the timeout only bounds how long an idle loop sleeps. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long PRUNE_EVERY_MS = 60_000;
    private static final int PRUNE_LIMIT = 10_000;

    private final String projection;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final DataSource dataSource;
    private final ConsumerOffsets offsets;
    private final BatchApplier applier;
    private final OutboxPublisher publisher;
    private final ProcessedEvents processed;
    private final Duration dedupeRetention;
    private final ProjectionCounters counters;
    private final Set<TopicPartition> awaitingSeek = new HashSet<>();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long backoffMs;
    private boolean outboxDirty = true;
    private long publishRetryAt;
    private long publishBackoffMs;
    private long nextPruneAt;

    ProjectionLoop(String projection, Consumer<String, byte[]> consumer, List<String> topics, DataSource dataSource,
            ConsumerOffsets offsets, BatchApplier applier, OutboxPublisher publisher, ProcessedEvents processed,
            Duration dedupeRetention, ProjectionCounters counters) {
        this.projection = projection;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.applier = applier;
        this.publisher = publisher;
        this.processed = processed;
        this.dedupeRetention = dedupeRetention;
        this.counters = counters;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new SeekToStoredOffsets());
            while (running) {
                step();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Projection {} stopped: {}", projection, e.toString(), e);
            fail(e);
        } finally {
            consumer.close();
        }
    }

    /** Stops the loop: the current batch finishes or rolls back, and the consumer leaves its group. */
    void stop() {
        boolean wasRunning = running;
        running = false;
        if (wasRunning) {
            consumer.wakeup();
        }
    }

    boolean isRunning() {
        return running;
    }

    Throwable failure() {
        return failure;
    }

    private void step() {
        try {
            seekAwaitingPartitions();
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
            if (!records.isEmpty()) {
                applyOrRewind(records);
            }
            publishOutbox();
            pruneNowAndThen();
            backoffMs = 0;
        } catch (SQLException e) {
            if (!isTransient(e)) {
                throw new IllegalStateException("read-model database error: " + e.getMessage(), e);
            }
            LOG.info("Projection {}: read-model database unavailable ({}); retrying", projection, e.getMessage());
            backOff();
        } catch (DeadLetterSink.DeadLetterUnavailableException e) {
            LOG.info("Projection {}: {}; retrying", projection, e.getMessage());
            backOff();
        }
    }

    /** Publishes pending changes; after a failed publication, waits a while before the next try. */
    private void publishOutbox() throws SQLException {
        if (!outboxDirty || System.currentTimeMillis() < publishRetryAt) {
            return;
        }
        outboxDirty = !publisher.publishPending();
        if (outboxDirty) {
            publishBackoffMs = Math.min(MAX_BACKOFF_MS, Math.max(250, publishBackoffMs * 2));
            publishRetryAt = System.currentTimeMillis() + publishBackoffMs;
        } else {
            publishBackoffMs = 0;
        }
    }

    private void pruneNowAndThen() throws SQLException {
        long now = System.currentTimeMillis();
        if (now < nextPruneAt) {
            return;
        }
        nextPruneAt = now + PRUNE_EVERY_MS;
        try (Connection connection = dataSource.getConnection()) {
            int pruned = processed.prune(connection, dedupeRetention, PRUNE_LIMIT);
            if (pruned > 0) {
                LOG.debug("Projection {} pruned {} deduplication rows", projection, pruned);
            }
        }
    }

    private void applyOrRewind(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            BatchApplier.Outcome outcome = applier.apply(batch);
            counters.add(batch.size(), outcome);
            outboxDirty |= outcome.changes() > 0;
            consumer.commitAsync(nextOffsets(records), null);
        } catch (SQLException | RuntimeException e) {
            // The batch was rolled back: read it again once the cause is gone.
            rewind(records);
            throw e;
        }
    }

    /** Kafka's committed offsets are only for lag monitoring; positions are read from the database. */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new java.util.HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            next.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        }
        return next;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    /** Partitions whose stored offset could not be read stay paused until it can. */
    private void seekAwaitingPartitions() throws SQLException {
        if (awaitingSeek.isEmpty()) {
            return;
        }
        awaitingSeek.retainAll(consumer.assignment());
        seekToStored(awaitingSeek);
        consumer.resume(awaitingSeek);
        awaitingSeek.clear();
    }

    private void seekToStored(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored;
        try (Connection connection = dataSource.getConnection()) {
            stored = offsets.load(connection, partitions);
        }
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
        }
        LOG.debug("Projection {} positioned on {} ({} from the beginning)", projection, stored,
                partitions.size() - stored.size());
    }

    private void backOff() {
        backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, backoffMs * 2));
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void fail(Throwable e) {
        failure = e;
        running = false;
    }

    /** Connection loss, serialization failures and shutdowns pass; anything else is a bug. */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P"));
    }

    /** Seeks each newly assigned partition to its stored offset, or pauses it until the database answers. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                seekToStored(partitions);
            } catch (SQLException e) {
                LOG.info("Projection {} cannot read stored offsets ({}); pausing {}", projection, e.getMessage(),
                        partitions);
                consumer.pause(partitions);
                awaitingSeek.addAll(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to flush: every batch is committed to the database before the next poll.
            awaitingSeek.removeAll(partitions);
        }
    }
}
