package io.lucid.command.node;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link NodeDirectory} on the {@code node_directory} table. Reads join the caller's transaction when there is
 * one (a task proof batch sees the state its own transaction sees); otherwise each read runs in a short
 * transaction of its own.
 */
@Singleton
final class JdbcNodeDirectory implements NodeDirectory {

    private static final String FIND = "SELECT node_id, status, public_key, wallet_address FROM node_directory WHERE node_id = ?";
    private static final String FIND_ALL =
            "SELECT node_id, status, public_key, wallet_address FROM node_directory WHERE node_id = ANY (?)";
    private static final String REGISTER = "INSERT INTO node_directory (node_id, status, public_key, wallet_address) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (node_id) DO NOTHING";
    private static final String SET_STATUS = "UPDATE node_directory SET status = ? WHERE node_id = ?";

    private final TransactionOperations<Connection> transactions;

    JdbcNodeDirectory(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Entry> find(String nodeId) {
        return transactions.execute(TransactionDefinition.DEFAULT, status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(FIND)) {
                query.setString(1, nodeId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(entry(rows)) : Optional.<Entry>empty();
                }
            }
        });
    }

    @Override
    public Map<String, Entry> findAll(Collection<String> nodeIds) {
        return transactions.execute(TransactionDefinition.DEFAULT, status -> {
            Connection connection = status.getConnection();
            Array ids = connection.createArrayOf("varchar", nodeIds.toArray());
            try (PreparedStatement query = connection.prepareStatement(FIND_ALL)) {
                query.setArray(1, ids);
                Map<String, Entry> found = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Entry entry = entry(rows);
                        found.put(entry.nodeId(), entry);
                    }
                }
                return found;
            } finally {
                ids.free();
            }
        });
    }

    /** Records a newly registered node; a replay of the same registration changes nothing. */
    void register(Entry entry) {
        update(REGISTER, entry.nodeId(), entry.status().name(), entry.publicKey(), entry.walletAddress());
    }

    void setStatus(String nodeId, NodeStatus status) {
        update(SET_STATUS, status.name(), nodeId);
    }

    /** Writes in the current transaction: the one of the command whose events are being stored. */
    private void update(String sql, String... values) {
        try (PreparedStatement statement = transactions.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("node directory update failed", e);
        }
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getString(1), NodeStatus.valueOf(row.getString(2)), row.getString(3), row.getString(4));
    }
}
