package io.lucid.command.pairing;

import io.lucid.kit.auth.RevocationTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link DeviceRevocations} as rows of the shared revocation list ({@link RevocationTable}), written in the
 * command's transaction so the row commits or rolls back with {@code DeviceRevoked}. A device's tokens carry its
 * id as subject.
 */
@Singleton
final class JdbcDeviceRevocations implements DeviceRevocations {

    private final TransactionOperations<Connection> transactions;

    JdbcDeviceRevocations(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public void revoke(String deviceId) {
        try {
            RevocationTable.insert(transactions.getConnection(), deviceId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a revocation", e);
        }
    }
}
