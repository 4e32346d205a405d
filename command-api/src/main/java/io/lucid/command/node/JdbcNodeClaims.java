package io.lucid.command.node;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@link NodeClaims} on the {@code node_claim} table, in the current transaction. {@code ON CONFLICT DO
 * NOTHING} makes a concurrent claimer of the same value wait for the first one's commit and then see it.
 */
@Singleton
final class JdbcNodeClaims implements NodeClaims {

    private static final String CLAIM = "INSERT INTO node_claim (node_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String ID_TAKEN = "SELECT 1 FROM node_claim WHERE node_id = ?";

    private final TransactionOperations<Connection> transactions;

    JdbcNodeClaims(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Outcome claim(String nodeId, String name) {
        Connection connection = transactions.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
            insert.setString(1, nodeId);
            insert.setString(2, name);
            if (insert.executeUpdate() == 1) {
                return Outcome.GRANTED;
            }
            try (PreparedStatement query = connection.prepareStatement(ID_TAKEN)) {
                query.setString(1, nodeId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Outcome.NODE_ID_TAKEN : Outcome.NAME_TAKEN;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("node claim failed", e);
        }
    }
}
