package io.lucid.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Applies one poll batch in ONE database transaction: per record, skip it when its event id was seen, else
 * decode it, dispatch it to its handler and claim its id; then store the next offsets and the resulting view
 * changes, and commit. Either the whole batch lands with its offsets, or nothing does.
 */
final class BatchApplier {

    private final DataSource dataSource;
    private final Deserializer<SpecificRecord> deserializer;
    private final EventHandlers handlers;
    private final ProcessedEvents processed = new ProcessedEvents();
    private final ConsumerOffsets offsets;
    private final ViewOutbox outbox;

    BatchApplier(DataSource dataSource, Deserializer<SpecificRecord> deserializer, EventHandlers handlers,
            ConsumerOffsets offsets, ViewOutbox outbox) {
        this.dataSource = dataSource;
        this.deserializer = deserializer;
        this.handlers = handlers;
        this.offsets = offsets;
        this.outbox = outbox;
    }

    /**
     * @return the number of view changes committed
     * @throws UnprocessableRecordException when a record cannot be decoded or handled (nothing is committed)
     * @throws SQLException                 when the database fails (nothing is committed)
     */
    int apply(ConsumerRecords<String, byte[]> records) throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                List<ViewChange> changes = new ArrayList<>();
                Map<TopicPartition, Long> nextOffsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    applyOne(tx, record).ifPresent(changes::add);
                    nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                offsets.save(tx, nextOffsets);
                outbox.add(tx, changes);
                tx.commit();
                return changes.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(tx, e);
                throw e;
            }
        }
    }

    private Optional<ViewChange> applyOne(Connection tx, ConsumerRecord<String, byte[]> record) throws SQLException {
        EventMetadata metadata = EventMetadata.from(record);
        if (!processed.claim(tx, metadata.eventId())) {
            return Optional.empty();
        }
        return handlers.dispatch(decode(record, metadata), metadata, tx);
    }

    private SpecificRecord decode(ConsumerRecord<String, byte[]> record, EventMetadata metadata) {
        if (record.value() == null) {
            throw new UnprocessableRecordException(metadata.position(), "no value (event " + metadata.eventId() + ")");
        }
        try {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new UnprocessableRecordException(metadata.position(),
                    "undecodable value of event " + metadata.eventId() + " (" + metadata.eventType() + "): " + e, e);
        }
    }

    private static void rollbackQuietly(Connection tx, Exception cause) {
        try {
            tx.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
