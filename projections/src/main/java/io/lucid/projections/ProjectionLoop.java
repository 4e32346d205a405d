package io.lucid.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
 * The consumer loop: positions come from {@code read.consumer_offset} (not from Kafka's committed offsets), each
 * poll batch is applied in one transaction by {@link BatchApplier}, then the outbox is published. A database
 * outage is waited out (the batch is re-read from its first offset); a record that cannot be applied stops
 * the loop with its position, since skipping it would leave a view wrong without anyone noticing.
 */
final class ProjectionLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
    /** Short: poll returns as soon as records arrive; the timeout only bounds how long an idle loop sleeps. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final DataSource dataSource;
    private final ConsumerOffsets offsets;
    private final BatchApplier applier;
    private final OutboxPublisher publisher;
    private final Set<TopicPartition> awaitingSeek = new HashSet<>();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long backoffMs;
    private boolean outboxDirty = true;
    private long publishRetryAt;
    private long publishBackoffMs;

    ProjectionLoop(Consumer<String, byte[]> consumer, List<String> topics, DataSource dataSource,
            ConsumerOffsets offsets, BatchApplier applier, OutboxPublisher publisher) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.applier = applier;
        this.publisher = publisher;
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
        } catch (UnprocessableRecordException e) {
            LOG.error("Projections stopped: {}. Fix the cause and restart; the record will be read again.",
                    e.getMessage(), e);
            fail(e);
        } catch (RuntimeException | Error e) {
            LOG.error("Projections stopped: {}", e.toString(), e);
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
            backoffMs = 0;
        } catch (SQLException e) {
            if (!isTransient(e)) {
                throw new IllegalStateException("read-model database error: " + e.getMessage(), e);
            }
            LOG.warn("Read-model database unavailable ({}); retrying", e.getMessage());
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

    private void applyOrRewind(ConsumerRecords<String, byte[]> records) throws SQLException {
        try {
            int changes = applier.apply(records);
            outboxDirty |= changes > 0;
            consumer.commitAsync(nextOffsets(records), null);
        } catch (SQLException e) {
            // The batch was rolled back: read it again once the database is back.
            rewind(records);
            throw e;
        }
    }

    /** Kafka's committed offsets are only for lag monitoring; positions are read from the database. */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
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
        LOG.info("Projections positioned on {}", stored.isEmpty() ? partitions + " (from the beginning)" : stored);
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

    /** Connection loss, serialization failures and shutdowns pass; anything else is a bug or bad data. */
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
                LOG.warn("Cannot read stored offsets ({}); pausing {}", e.getMessage(), partitions);
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
