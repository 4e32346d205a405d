package io.lucid.command.idempotency;

import io.lucid.command.jdbc.OwnConnection;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * {@link IdempotencyStore} on the {@code idempotency_record} table, in auto-commit statements of its own: a claim
 * must be visible to a concurrent request at once, before the command's transaction even starts. The primary key
 * (scope, key) decides which of two concurrent claims wins. A claim left IN_FLIGHT by a crashed instance can be
 * taken over once it is older than {@link IdempotencySettings#inFlightTimeout()}.
 */
@Singleton
final class JdbcIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM = "INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state) "
            + "VALUES (?, ?, ?, 'IN_FLIGHT') ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT request_hash, state, status, content_type, headers, body, created_at "
            + "FROM idempotency_record WHERE scope = ? AND idempotency_key = ?";
    private static final String TAKE_OVER = "UPDATE idempotency_record SET created_at = clock_timestamp() "
            + "WHERE scope = ? AND idempotency_key = ? AND state = 'IN_FLIGHT' AND created_at < ?";
    private static final String COMPLETE = "UPDATE idempotency_record SET state = 'COMPLETED', status = ?, content_type = ?, "
            + "headers = ?, body = ?, completed_at = clock_timestamp() WHERE scope = ? AND idempotency_key = ?";
    private static final String RELEASE = "DELETE FROM idempotency_record WHERE scope = ? AND idempotency_key = ? AND state = 'IN_FLIGHT'";
    private static final String PURGE = "DELETE FROM idempotency_record WHERE created_at < ?";

    private final OwnConnection own;
    private final JsonMapper json;
    private final IdempotencySettings settings;

    JdbcIdempotencyStore(OwnConnection own, JsonMapper json, IdempotencySettings settings) {
        this.own = own;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public Claim claim(String scope, String key, String requestHash) {
        return own.run(connection -> {
            if (update(connection, CLAIM, scope, key, requestHash) == 1) {
                return new Claim.Claimed();
            }
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setString(1, scope);
                find.setString(2, key);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        // Released between our insert and this read: the next attempt will claim it.
                        return new Claim.InFlight();
                    }
                    if (!row.getString("request_hash").equals(requestHash)) {
                        return new Claim.Reused();
                    }
                    if ("COMPLETED".equals(row.getString("state"))) {
                        return new Claim.Completed(stored(row));
                    }
                }
            }
            Instant stale = Instant.now().minus(settings.inFlightTimeout());
            try (PreparedStatement takeOver = connection.prepareStatement(TAKE_OVER)) {
                takeOver.setString(1, scope);
                takeOver.setString(2, key);
                takeOver.setTimestamp(3, Timestamp.from(stale));
                return takeOver.executeUpdate() == 1 ? new Claim.Claimed() : new Claim.InFlight();
            }
        });
    }

    @Override
    public void complete(String scope, String key, StoredResponse response) {
        String headers = writeHeaders(response.headers());
        own.run(connection -> {
            try (PreparedStatement complete = connection.prepareStatement(COMPLETE)) {
                complete.setInt(1, response.status());
                complete.setString(2, response.contentType());
                complete.setString(3, headers);
                complete.setBytes(4, response.body());
                complete.setString(5, scope);
                complete.setString(6, key);
                return complete.executeUpdate();
            }
        });
    }

    @Override
    public void release(String scope, String key) {
        own.run(connection -> update(connection, RELEASE, scope, key, null));
    }

    /** Deletes records older than the retention; returns how many. */
    int purge(Instant olderThan) {
        return own.run(connection -> {
            try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
                purge.setTimestamp(1, Timestamp.from(olderThan));
                return purge.executeUpdate();
            }
        });
    }

    private String writeHeaders(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the headers of an idempotent response", e);
        }
    }

    private StoredResponse stored(ResultSet row) throws SQLException {
        String headers = row.getString("headers");
        Map<String, String> parsed;
        try {
            parsed = headers == null ? Map.of() : json.readValue(headers, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new SQLException("unreadable headers of a stored response", e);
        }
        return new StoredResponse(row.getInt("status"), row.getString("content_type"), parsed, row.getBytes("body"));
    }

    private static int update(Connection connection, String sql, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, scope);
            statement.setString(2, key);
            if (hash != null) {
                statement.setString(3, hash);
            }
            return statement.executeUpdate();
        }
    }
}
