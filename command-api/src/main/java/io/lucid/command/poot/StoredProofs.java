package io.lucid.command.poot;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which proof ids are taken already, for a whole batch in one query on the event store's unique
 * (aggregate_identifier, sequence_number) index: new proofs are then created without Axon reading their (empty)
 * event streams one by one. Runs in the caller's transaction.
 */
@Singleton
final class StoredProofs {

    private static final String EXISTING = "SELECT aggregate_identifier FROM domain_event_entry "
            + "WHERE aggregate_identifier = ANY (?) AND sequence_number = 0 AND type = 'TaskProof'";

    private final TransactionOperations<Connection> transactions;

    StoredProofs(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    Set<String> existing(Collection<String> proofIds) {
        Connection connection = transactions.getConnection();
        try {
            Array ids = connection.createArrayOf("varchar", proofIds.toArray());
            try (PreparedStatement query = connection.prepareStatement(EXISTING)) {
                query.setArray(1, ids);
                Set<String> found = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            } finally {
                ids.free();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading stored proof ids failed", e);
        }
    }
}
