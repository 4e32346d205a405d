package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The right to run the rebuilds of one read schema: a PostgreSQL session-level advisory lock on a connection of its
 * own (not pooled: closing a pooled connection would keep its session, and the lock with it), and the generation
 * that fences the writes made under it ({@link FencingToken}). Every projections service on a read schema starts a
 * coordinator; only the one holding this lock picks up or continues a rebuild. The lock lives as long as its
 * session: a coordinator that stops or loses its connection frees it, and another coordinator continues the rebuild
 * from the offsets stored in its schema.
 *
 * <p>The lock decides who should run a rebuild; the generation makes sure nobody else can write it. A holder learns
 * that its session ended only when it next looks, while another coordinator may take the free lock at once; so
 * taking the lock increments the schema's generation ({@code replay_lock}), and every write of a rebuild checks in
 * its own transaction that the generation is still its own. A coordinator that lost its lock therefore cannot
 * commit anything more, however late it notices.
 */
final class ReplayLock implements AutoCloseable {

    /** The first of the lock's two 32-bit keys, naming this use of advisory locks; the second hashes the schema. */
    static final int NAMESPACE = 0x4c52504c;

    /** The session's application name, so an operator sees in {@code pg_stat_activity} who holds the lock. */
    static final String APPLICATION_NAME = "lucid-replay-lock";

    /**
     * How long taking the lock waits for the previous holder's writes in progress (they keep the generation row
     * locked until they end); past it the lock is freed and taken again later.
     */
    static final String TAKE_OVER_TIMEOUT = "30s";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String schema;
    private final String holder;
    private Connection connection;
    private volatile FencingToken token;
    private String previousHolder;

    /** {@code holder} names this coordinator in {@code replay_lock} and in the logs. */
    ReplayLock(String jdbcUrl, String user, String password, String schema, String holder) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.holder = holder;
    }

    /**
     * Takes the lock if no other session holds it, and with it the next generation; true when this one holds it
     * (already or now). Waits (up to {@link #TAKE_OVER_TIMEOUT}) for writes of the previous generation in progress.
     */
    boolean tryAcquire() throws SQLException {
        if (held()) {
            return true;
        }
        release();
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        connection = DriverManager.getConnection(jdbcUrl, props);
        try {
            if (!call("pg_try_advisory_lock")) {
                closeConnection();
                return false;
            }
            token = nextGeneration();
            return true;
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** This coordinator's name as a holder of the lock. */
    String holder() {
        return holder;
    }

    /** The generation taken with the lock; null when this coordinator does not hold it. */
    FencingToken token() {
        return token;
    }

    /** Who held the lock before this coordinator took it (null when nobody had, or when not held). */
    String previousHolder() {
        return token == null ? null : previousHolder;
    }

    /**
     * Increments the schema's generation, on the lock's own session, once the lock is held. The UPDATE waits for
     * every transaction of the previous generation that has passed {@link FencingToken#hold}; any that comes later
     * reads this one's generation and rolls back.
     */
    private FencingToken nextGeneration() throws SQLException {
        String table = SchemaComparison.quote(schema) + ".replay_lock";
        connection.setAutoCommit(false);
        try (Statement set = connection.createStatement();
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET generation = generation + 1,"
                     + " previous_holder = holder, holder = ?, taken_at = now() RETURNING generation, previous_holder")) {
            set.execute("SET LOCAL lock_timeout = '" + TAKE_OVER_TIMEOUT + "'");
            update.setString(1, holder);
            try (ResultSet rows = update.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the replay lock's row is missing from schema " + schema);
                }
                long generation = rows.getLong(1);
                previousHolder = rows.getString(2);
                connection.commit();
                return new FencingToken(schema, generation, holder);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Whether the lock is still this session's: false once released, or when the session has ended. Only a hint for
     * when to stop: the session may end right after this answers true, which is why writes are fenced by the
     * generation ({@link FencingToken#hold}), not by this.
     */
    boolean held() {
        try {
            return token != null && connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Frees the lock (ending the session, which frees it whatever else happened on it). */
    void release() {
        token = null;
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
