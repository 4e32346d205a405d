package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The right to run the rebuilds of one read schema: a PostgreSQL session-level advisory lock on a connection of its
 * own (not pooled: closing a pooled connection would keep its session, and the lock with it). Every projections
 * service on a read schema starts a coordinator; only the one holding this lock picks up or continues a rebuild, so
 * two never run the same one. The lock lives as long as its session: a coordinator that stops or loses its
 * connection frees it, and another coordinator continues the rebuild from the offsets stored in its schema.
 */
final class ReplayLock implements AutoCloseable {

    /** The first of the lock's two 32-bit keys, naming this use of advisory locks; the second hashes the schema. */
    static final int NAMESPACE = 0x4c52504c;

    /** The session's application name, so an operator sees in {@code pg_stat_activity} who holds the lock. */
    static final String APPLICATION_NAME = "lucid-replay-lock";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String schema;
    private Connection connection;
    private boolean held;

    ReplayLock(String jdbcUrl, String user, String password, String schema) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Takes the lock if no other session holds it; true when this one holds it (already or now). */
    boolean tryAcquire() throws SQLException {
        if (held()) {
            return true;
        }
        closeConnection();
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        connection = DriverManager.getConnection(jdbcUrl, props);
        held = call("pg_try_advisory_lock");
        if (!held) {
            closeConnection();
        }
        return held;
    }

    /** Whether the lock is still this session's: false once released, or when the session has ended. */
    boolean held() {
        try {
            return held && connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Frees the lock (ending the session, which frees it whatever else happened on it). */
    void release() {
        held = false;
        closeConnection();
    }

    @Override
    public void close() {
        release();
    }

    private boolean call(String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            lock.setInt(1, NAMESPACE);
            lock.setString(2, schema);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The session is gone either way, and the lock with it.
            }
            connection = null;
        }
    }
}
