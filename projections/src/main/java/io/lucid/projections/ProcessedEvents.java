package io.lucid.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The ids of the events already applied ({@code read.processed_event}). Delivery is at-least-once, so the relay
 * may publish an event twice; claiming its id in the batch transaction makes the second copy a no-op.
 */
final class ProcessedEvents {

    private static final String CLAIM =
            "INSERT INTO read.processed_event (event_id, processed_at) VALUES (?, now()) ON CONFLICT DO NOTHING";

    /** Records the event id; false when it was already there (a duplicate). */
    boolean claim(Connection tx, String eventId) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(CLAIM)) {
            insert.setString(1, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
