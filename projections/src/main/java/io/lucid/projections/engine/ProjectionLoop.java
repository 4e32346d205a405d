package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import io.lucid.kit.kafka.ConsumerLoop;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one projection, as a step of the kit's {@link ConsumerLoop}: positions come from
 * {@code consumer_offset} (not from Kafka's committed offsets), each poll batch is applied in one transaction by
 * {@link BatchApplier}, then the outbox is published. A database or dead-letter-topic outage is transient: the kit's
 * loop starts a new consumer after a back-off, which seeks to the stored offsets, so the failed batch is read again;
 * bad records never stop it, they are dead-lettered. Old deduplication rows are pruned on the side.
 */
final class ProjectionLoop implements ConsumerLoop.Step<String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long PRUNE_EVERY_MS = 60_000;
    private static final int PRUNE_LIMIT = 10_000;

    private final String projection;
    private final List<String> topics;
    private final DataSource dataSource;
    private final ConsumerOffsets offsets;
    private final BatchApplier applier;
    private final OutboxPublisher publisher;
    private final ProcessedEvents processed;
    private final Duration dedupeRetention;
    private final ProjectionCounters counters;
    private final Set<TopicPartition> awaitingSeek = new HashSet<>();
    private boolean outboxDirty = true;
    private long publishRetryAt;
    private long publishBackoffMs;
    private long nextPruneAt;

    ProjectionLoop(String projection, List<String> topics, DataSource dataSource,
            ConsumerOffsets offsets, BatchApplier applier, OutboxPublisher publisher, ProcessedEvents processed,
            Duration dedupeRetention, ProjectionCounters counters) {
        this.projection = projection;
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
    public void start(Consumer<String, byte[]> consumer) {
        awaitingSeek.clear();
        outboxDirty = true;
        consumer.subscribe(topics, new SeekToStoredOffsets(consumer));
    }

    @Override
    public void handle(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) throws SQLException {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        BatchApplier.Outcome outcome = applier.apply(batch);
        counters.add(batch.size(), outcome);
        outboxDirty |= outcome.changes() > 0;
        consumer.commitAsync(nextOffsets(records), null);
    }

    @Override
    public void afterPoll(Consumer<String, byte[]> consumer) throws SQLException {
        seekAwaitingPartitions(consumer);
        publishOutbox();
        pruneNowAndThen();
    }

    /** What the kit's loop retries: connection loss, serialization failures, shutdowns, the dead-letter topic. */
    static boolean isTransient(Throwable e) {
        if (e instanceof DeadLetterSink.DeadLetterUnavailableException) {
            return true;
        }
        if (!(e instanceof SQLException sql)) {
            return false;
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P"));
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

    /** Kafka's committed offsets are only for lag monitoring; positions are read from the database. */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new java.util.HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            next.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        }
        return next;
    }

    /** Partitions whose stored offset could not be read stay paused until it can. */
    private void seekAwaitingPartitions(Consumer<String, byte[]> consumer) throws SQLException {
        if (awaitingSeek.isEmpty()) {
            return;
        }
        awaitingSeek.retainAll(consumer.assignment());
        seekToStored(consumer, awaitingSeek);
        consumer.resume(awaitingSeek);
        awaitingSeek.clear();
    }

    private void seekToStored(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions)
            throws SQLException {
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

    /** Seeks each newly assigned partition to its stored offset, or pauses it until the database answers. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> consumer;

        SeekToStoredOffsets(Consumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                seekToStored(consumer, partitions);
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
