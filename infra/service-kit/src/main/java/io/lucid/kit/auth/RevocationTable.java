package io.lucid.kit.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The only code that reads or writes {@code revoked_subject}, the contract between command-api (which writes a
 * row in the transaction of each revocation) and every service that verifies tokens (which polls it). Columns:
 * {@code subject} (a token's {@code sub}, unique) and {@code revoked_at} (set by the database on insert); rows are
 * never updated or deleted. The table is created by command-api's event-store migration V100.
 */
public final class RevocationTable {

    private static final String INSERT = "INSERT INTO revoked_subject (subject) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String SINCE = "SELECT subject, revoked_at FROM revoked_subject WHERE revoked_at > ?";

    private RevocationTable() {
    }

    /** Records a revocation on {@code connection}: it commits or rolls back with that connection's transaction. */
    public static void insert(Connection connection, String subject) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, subject);
            insert.executeUpdate();
        }
    }

    /** Hands every subject revoked after {@code since} to {@code subjects}; returns the newest time read (or since). */
    public static Instant readSince(Connection connection, Instant since, Consumer<String> subjects) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SINCE)) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                Instant newest = since;
                while (rows.next()) {
                    subjects.accept(rows.getString(1));
                    Instant at = rows.getTimestamp(2).toInstant();
                    newest = at.isAfter(newest) ? at : newest;
                }
                return newest;
            }
        }
    }
}
