package io.lucid.command.axon;

import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
                try {
                    transactions.commit(status);
                } catch (RuntimeException e) {
                    throw lostDuringCommit(e) ? new CommitInterruptedException(e) : e;
                }
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }

    /**
     * Whether a failed commit failed because its connection died. Micronaut rolls a failed commit back; when the server
     * went away during the commit, that rollback runs on a connection the pool has already closed, and its exception
     * ("Connection is closed", no SQL state) replaces the commit's, which is only logged.
     */
    static boolean lostDuringCommit(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A commit whose connection was lost: the server may or may not have committed it. The client gets what a lost
     * database connection gets (503 with Retry-After, docs/reliability.md); retried with the same Idempotency-Key,
     * the command is applied at most once either way.
     */
    static final class CommitInterruptedException extends RuntimeException {
        CommitInterruptedException(RuntimeException thrown) {
            super("the database connection was lost during commit",
                    new SQLTransientConnectionException("connection lost during commit", "08006", thrown));
        }
    }
}
