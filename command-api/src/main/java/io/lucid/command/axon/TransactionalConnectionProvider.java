package io.lucid.command.axon;

import io.micronaut.transaction.TransactionOperations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Hands Axon the connection of the current transaction. Axon closes every connection it obtains; the
 * transaction owns this one, so {@code close()} is swallowed here and the transaction manager releases
 * it on commit or rollback.
 */
public final class TransactionalConnectionProvider implements ConnectionProvider {

    private final TransactionOperations<Connection> transactions;

    public TransactionalConnectionProvider(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Connection getConnection() {
        Connection connection = transactions.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
