package io.lucid.command.axon;

import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Lets Axon's unit of work run in a Micronaut JDBC transaction, so the events of a command, the
 * cross-aggregate claims its handler makes and nothing else commit (or roll back) together.
 * Nested calls join the outer transaction (propagation REQUIRED).
 */
final class MicronautTransactionManager implements TransactionManager {

    private final SynchronousTransactionManager<Connection> transactions;

    MicronautTransactionManager(SynchronousTransactionManager<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus<Connection> status = transactions.getTransaction(TransactionDefinition.DEFAULT);
        return new Transaction() {
            @Override
            public void commit() {
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }
}
