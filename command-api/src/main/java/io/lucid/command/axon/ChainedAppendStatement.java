package io.lucid.command.axon;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.audit.EventChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's event insert plus the audit hash chain ({@link EventChain}): each row gets {@code prev_hash} and
 * {@code hash}, computed here in the append's own transaction. The previous hash of an aggregate's first event in
 * the batch is read on the same connection; two concurrent writers of one aggregate read the same previous event, and
 * the unique (aggregate, sequence) key lets only one of them insert, so the chain cannot fork.
 */
final class ChainedAppendStatement implements AppendEventsStatementBuilder {

    private static final String PREVIOUS_HASH =
            "SELECT hash FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?";

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
            List<? extends EventMessage<?>> events, Serializer serializer, TimestampWriter timestampWriter)
            throws SQLException {
        Map<String, byte[]> lastHash = new HashMap<>();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ", prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
                byte[] previous = lastHash.get(event.getAggregateIdentifier());
                if (previous == null) {
                    previous = previousHash(connection, event);
                }
                byte[] hash = EventChain.hash(previous,
                        fields(event, payload.getType().getName(), timestamp, (byte[]) payload.getData()));
                lastHash.put(event.getAggregateIdentifier(), hash);
                insert.setString(1, event.getIdentifier());
                insert.setString(2, event.getAggregateIdentifier());
                insert.setLong(3, event.getSequenceNumber());
                insert.setString(4, event.getType());
                // The string the chain covers, in Axon's own format (milliseconds), rather than the engine's writer.
                insert.setString(5, timestamp);
                insert.setString(6, payload.getType().getName());
                insert.setString(7, payload.getType().getRevision());
                insert.setObject(8, payload.getData());
                insert.setObject(9, metaData.getData());
                insert.setBytes(10, previous);
                insert.setBytes(11, hash);
                insert.addBatch();
            }
            return insert;
        } catch (SQLException | RuntimeException e) {
            insert.close();
            throw e;
        }
    }

    /** The chained fields of an event, from the values this statement stores. */
    static EventChain.Fields fields(DomainEventMessage<?> event, String storedType, String storedTimestamp,
            byte[] payload) {
        MetaData metaData = event.getMetaData();
        return new EventChain.Fields(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), storedType, DateTimeUtils.parseInstant(storedTimestamp).toEpochMilli(),
                text(metaData, CommandProvenance.ACTOR), text(metaData, CommandProvenance.CORRELATION_ID),
                text(metaData, CommandProvenance.CAUSATION_ID), payload);
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }

    /** The hash of the event before {@code event}; an aggregate's first event follows 32 zero bytes. */
    private static byte[] previousHash(Connection connection, DomainEventMessage<?> event) throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return EventChain.genesis();
        }
        try (PreparedStatement query = connection.prepareStatement(PREVIOUS_HASH)) {
            query.setString(1, event.getAggregateIdentifier());
            query.setLong(2, event.getSequenceNumber() - 1);
            try (ResultSet row = query.executeQuery()) {
                byte[] hash = row.next() ? row.getBytes(1) : null;
                if (hash == null) {
                    // Only a writer that saw an event another transaction has not committed gets here; Axon's
                    // repository retries nothing, so the command fails instead of chaining onto nothing.
                    throw new EventStoreException("event " + (event.getSequenceNumber() - 1) + " of aggregate "
                            + event.getAggregateIdentifier() + " has no committed hash to chain onto");
                }
                return hash;
            }
        }
    }
}
