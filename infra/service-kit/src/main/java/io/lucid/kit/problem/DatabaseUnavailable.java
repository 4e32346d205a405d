package io.lucid.kit.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The rule for "the database could not be reached": no connection within the pool's timeout, a connection lost or
 * refused, the server shutting down or starting up. Such a request stored nothing and succeeds once PostgreSQL is
 * back, so it is answered 503 with {@code Retry-After} (docs/reliability.md).
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait: about one restart of PostgreSQL. */
    static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseUnavailable() {
    }

    /**
     * Whether a cause says the database cannot be reached: Hikari's timeout, or a SQL state of class 08 (connection
     * exception) or 57P (operator intervention: shutdown, crash, cannot connect now).
     */
    public static boolean causedBy(Throwable exception) {
        return Causes.any(exception, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")));
    }
}
