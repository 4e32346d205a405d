package io.lucid.command.pairing;

import io.lucid.command.jdbc.OwnConnection;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PairingDeadlines} on the {@code pairing_deadline} table: writes join the command's transaction, the
 * sweep's read does not need one.
 */
@Singleton
final class JdbcPairingDeadlines implements PairingDeadlines {

    private static final String SCHEDULE = "INSERT INTO pairing_deadline (pairing_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String CANCEL = "DELETE FROM pairing_deadline WHERE pairing_id = ?";
    private static final String DUE = "SELECT pairing_id FROM pairing_deadline WHERE expires_at <= ? ORDER BY expires_at LIMIT ?";

    private final TransactionOperations<Connection> transactions;
    private final OwnConnection own;

    JdbcPairingDeadlines(TransactionOperations<Connection> transactions, OwnConnection own) {
        this.transactions = transactions;
        this.own = own;
    }

    @Override
    public void schedule(String pairingId, Instant expiresAt) {
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(SCHEDULE)) {
            insert.setString(1, pairingId);
            insert.setTimestamp(2, Timestamp.from(expiresAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot schedule the expiry of pairing " + pairingId, e);
        }
    }

    @Override
    public void cancel(String pairingId) {
        try (PreparedStatement delete = transactions.getConnection().prepareStatement(CANCEL)) {
            delete.setString(1, pairingId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cancel the expiry of pairing " + pairingId, e);
        }
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return own.run(connection -> {
            try (PreparedStatement query = connection.prepareStatement(DUE)) {
                query.setTimestamp(1, Timestamp.from(now));
                query.setInt(2, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }
}
