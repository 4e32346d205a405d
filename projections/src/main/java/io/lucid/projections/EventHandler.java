package io.lucid.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one event to the read model inside the transaction of its poll batch. Handlers only write rows;
 * deduplication, offsets and notifications are the loop's business.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends SpecificRecord> {

    /**
     * @return the row that changed, or empty when the event changed nothing (e.g. an older version)
     */
    Optional<ViewChange> handle(E event, EventMetadata metadata, Connection tx) throws SQLException;
}
