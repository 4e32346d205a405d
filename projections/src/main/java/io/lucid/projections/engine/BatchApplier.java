package io.lucid.projections.engine;

import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.RowBuffer;
import io.lucid.schemas.trace.TraceContext;
import io.lucid.schemas.trace.Tracing;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Applies one poll batch of one projection in ONE database transaction:
 * <ol>
 *   <li>read each record's CloudEvents metadata and claim its event id (one statement for the batch); duplicates
 *   are skipped;</li>
 *   <li>decode the new records, dry-run their handlers to learn which rows they touch, load those rows (one
 *   statement), then apply the handlers in order to the rows in memory;</li>
 *   <li>write the changed rows, their outbox entries and the next offsets, send the dead letters, commit.</li>
 * </ol>
 * A record that cannot be read, decoded or applied is dead-lettered and the batch goes on without it: one bad record
 * never stops a read model. A batch the database refuses as data (a value PostgreSQL cannot hold) is applied again
 * one record at a time, so only the offending record is dead-lettered.
 *
 * <p>An event with a trace context is applied in a span of the projection, child of the event's; the rows it changes
 * carry that span to the change feed ({@link ViewOutbox}). The span id is a function of the projection and the event,
 * so applying the same event again (a replay, a redelivery) announces the same trace context.
 */
final class BatchApplier {

    /** What one batch did. */
    record Outcome(int applied, int changes, int deadLetters) {
    }

    /**
     * A last check in each batch's transaction, after its writes and before its dead letters are sent and it
     * commits; throwing rolls the batch back. A rebuild fences its batches by its lock's generation with it
     * ({@link FencingToken#hold}); the live projections need none.
     */
    interface CommitGuard {
        CommitGuard NONE = tx -> { };

        void check(Connection tx) throws SQLException;
    }

    private final DataSource dataSource;
    private final Deserializer<SpecificRecord> deserializer;
    private final Handlers handlers;
    private final ProcessedEvents processed;
    private final ConsumerOffsets offsets;
    private final RowStore rows;
    private final ViewOutbox outbox;
    private final DeadLetterSink deadLetters;
    private final CommitGuard guard;
    /** Whether the batches write the change feed: a rebuild's do not ({@link #withoutChangeFeed}). */
    private final boolean announces;
    private final Tracing tracing = Tracing.forService("projections");

    BatchApplier(DataSource dataSource, Deserializer<SpecificRecord> deserializer, Handlers handlers,
            ProcessedEvents processed, ConsumerOffsets offsets, RowStore rows, ViewOutbox outbox,
            DeadLetterSink deadLetters) {
        this(dataSource, deserializer, handlers, processed, offsets, rows, outbox, deadLetters, CommitGuard.NONE);
    }

    BatchApplier(DataSource dataSource, Deserializer<SpecificRecord> deserializer, Handlers handlers,
            ProcessedEvents processed, ConsumerOffsets offsets, RowStore rows, ViewOutbox outbox,
            DeadLetterSink deadLetters, CommitGuard guard) {
        this(dataSource, deserializer, handlers, processed, offsets, rows, outbox, deadLetters, guard, true);
    }

    private BatchApplier(DataSource dataSource, Deserializer<SpecificRecord> deserializer, Handlers handlers,
            ProcessedEvents processed, ConsumerOffsets offsets, RowStore rows, ViewOutbox outbox,
            DeadLetterSink deadLetters, CommitGuard guard, boolean announces) {
        this.guard = guard;
        this.dataSource = dataSource;
        this.deserializer = deserializer;
        this.handlers = handlers;
        this.processed = processed;
        this.offsets = offsets;
        this.rows = rows;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.announces = announces;
    }

    /**
     * The same applier writing no change feed: no outbox entries, so nothing reaches {@code lucid.view.changes}. For
     * a rebuild into a scratch schema, whose changes are not the live views' (the switch announces what it changed,
     * {@link SchemaSwitch}). It saves the outbox statement and rows per changed row, about half of a rebuild's cost
     * per event (docs/benchmarks.md).
     */
    BatchApplier withoutChangeFeed() {
        return new BatchApplier(dataSource, deserializer, handlers, processed, offsets, rows, outbox, deadLetters,
                guard, false);
    }

    /**
     * @throws SQLException when the database fails for a reason other than the data (nothing is committed)
     */
    Outcome apply(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        try {
            return applyInOne(records);
        } catch (SQLException e) {
            if (!isDataError(e) || records.size() == 1) {
                if (isDataError(e)) {
                    return deadLetterAlone(records.get(0), e);
                }
                throw e;
            }
            int applied = 0;
            int changes = 0;
            int letters = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                Outcome one = apply(List.of(record));
                applied += one.applied();
                changes += one.changes();
                letters += one.deadLetters();
            }
            return new Outcome(applied, changes, letters);
        }
    }

    private Outcome applyInOne(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                relaxDurability(tx);
                List<DeadLetterSink.Letter> letters = new ArrayList<>();
                List<Parsed> fresh = claimFresh(tx, records, letters);
                List<Decoded> decoded = decode(fresh, letters);
                BatchRows batch = new BatchRows(tx, rows);
                batch.prefetch(touchedKeys(decoded));
                int applied = 0;
                for (Decoded event : decoded) {
                    Tracing.Span span = span(event.metadata());
                    try {
                        handlers.dispatch(event.value(), event.metadata(), batch);
                        batch.commitEvent(event.metadata().time(), span == null ? null : span.context());
                        applied++;
                    } catch (BatchRows.RowLoadException e) {
                        throw e.sqlCause();
                    } catch (RuntimeException e) {
                        batch.rollbackEvent();
                        letters.add(new DeadLetterSink.Letter(event.record(), "handler-failed", e.toString()));
                    } finally {
                        if (span != null) {
                            span.end();
                        }
                    }
                }
                List<RowBuffer.Row> changed = batch.changed();
                String[] bodies = RowStore.bodies(changed);
                rows.save(tx, changed, bodies);
                if (announces) {
                    outbox.add(tx, changed, bodies);
                }
                offsets.save(tx, nextOffsets(records));
                // Before the letters: a batch the guard refuses must leave no trace, on the topics either.
                guard.check(tx);
                deadLetters.send(letters);
                tx.commit();
                return new Outcome(applied, changed.size(), letters.size());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(tx, e);
                throw e;
            }
        }
    }

    private Tracing.Span span(EventMetadata metadata) {
        TraceContext trace = metadata.trace();
        if (trace == null) {
            return null;
        }
        String projection = outbox.projection();
        return tracing.start("apply " + projection, Tracing.Kind.CONSUMER, trace,
                trace.child(projection + ":" + metadata.eventId()));
    }

    /**
     * The batch's commit does not wait for its WAL flush. Safe because the batch is derived data committed with its
     * offsets: a commit lost in a database crash loses rows, claims, outbox entries and offsets together, and the
     * projection reads the same records again from the older offsets and writes the same rows and versions
     * (handlers are pure). What was announced or read in between is re-announced identically. The event store's
     * writers keep the server's setting.
     */
    private static void relaxDurability(Connection tx) throws SQLException {
        try (Statement set = tx.createStatement()) {
            set.execute("SET LOCAL synchronous_commit = off");
        }
    }

    /** The record alone is refused by the database: it is dead-lettered and its offset passed. */
    private Outcome deadLetterAlone(ConsumerRecord<String, byte[]> record, SQLException cause) throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                offsets.save(tx, nextOffsets(List.of(record)));
                guard.check(tx);
                deadLetters.send(List.of(new DeadLetterSink.Letter(record, "database-refused",
                        "SQLSTATE " + cause.getSQLState() + ": " + cause.getMessage())));
                tx.commit();
                return new Outcome(0, 0, 1);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(tx, e);
                throw e;
            }
        }
    }

    private record Parsed(ConsumerRecord<String, byte[]> record, EventMetadata metadata) {
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, EventMetadata metadata, SpecificRecord value) {
    }

    private List<Parsed> claimFresh(Connection tx, List<ConsumerRecord<String, byte[]>> records,
            List<DeadLetterSink.Letter> letters) throws SQLException {
        List<Parsed> parsed = new ArrayList<>(records.size());
        Set<String> seenInBatch = new HashSet<>();
        List<ProcessedEvents.Claim> claims = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventMetadata metadata = EventMetadata.from(record);
                if (seenInBatch.add(metadata.eventId())) {
                    parsed.add(new Parsed(record, metadata));
                    claims.add(new ProcessedEvents.Claim(metadata.eventId(), metadata.aggregateId(),
                            metadata.sequence()));
                }
            } catch (RuntimeException e) {
                letters.add(new DeadLetterSink.Letter(record, "bad-metadata", e.getMessage()));
            }
        }
        Set<String> fresh = processed.claim(tx, claims);
        return parsed.stream().filter(p -> fresh.contains(p.metadata().eventId())).toList();
    }

    private List<Decoded> decode(List<Parsed> parsed, List<DeadLetterSink.Letter> letters) {
        List<Decoded> decoded = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            ConsumerRecord<String, byte[]> record = p.record();
            if (record.value() == null) {
                letters.add(new DeadLetterSink.Letter(record, "no-value", "record without a value"));
                continue;
            }
            SpecificRecord value;
            try {
                value = deserializer.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                letters.add(new DeadLetterSink.Letter(record, "undecodable", e.toString()));
                continue;
            }
            if (value == null || !handlers.knows(value.getClass())) {
                letters.add(new DeadLetterSink.Letter(record, "unknown-type",
                        "no handler for " + (value == null ? "a null value" : value.getClass().getName())));
                continue;
            }
            decoded.add(new Decoded(record, p.metadata(), value));
        }
        return decoded;
    }

    /** The rows the handlers will read first, from a dry run; handlers that fail on the dry run are skipped. */
    private Set<io.lucid.projections.RowKey> touchedKeys(List<Decoded> decoded) {
        KeyRecorder recorder = new KeyRecorder();
        for (Decoded event : decoded) {
            try {
                handlers.dispatch(event.value(), event.metadata(), recorder);
            } catch (RuntimeException e) {
                // The real run reports it; a dry run only looks for keys.
            }
        }
        return new LinkedHashSet<>(recorder.keys());
    }

    private static Map<TopicPartition, Long> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        return next;
    }

    /**
     * Errors in the data rather than the database: invalid values (class 22, e.g. a NUL byte in text) and
     * constraint violations (class 23). Retrying them would fail forever.
     */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static void rollbackQuietly(Connection tx, Exception cause) {
        try {
            tx.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
