package io.lucid.command.rdp;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@link RdpServerSlots} on the {@code rdp_port} table (V201: one row per port, holding the server and owner that
 * have it, or when it was last released), in the current transaction. An allocation first locks the single row of
 * {@code rdp_allocation_guard}, so concurrent creates queue there until the holder commits or rolls back; each then
 * counts and picks among the rows committed before it (READ COMMITTED reads a fresh snapshot per statement). So
 * the limits hold and "lowest free first" is exact whatever the concurrency; the primary key on the port and the
 * unique server id make a double assignment impossible even if the guard were bypassed.
 */
@Singleton
final class JdbcRdpServerSlots implements RdpServerSlots {

    private static final String LOCK = "SELECT id FROM rdp_allocation_guard WHERE id = 1 FOR UPDATE";
    private static final String COUNT = "SELECT count(*), count(*) FILTER (WHERE owner = ?) FROM rdp_port WHERE server_id IS NOT NULL";
    /** {@code AND server_id IS NULL} again outside: a row taken meanwhile is re-checked after its lock and never overwritten. */
    private static final String ASSIGN = "UPDATE rdp_port SET server_id = ?, owner = ?, assigned_at = ?, released_at = NULL "
            + "WHERE server_id IS NULL AND port = (SELECT port FROM rdp_port WHERE server_id IS NULL "
            + "AND (released_at IS NULL OR released_at <= ?) ORDER BY port LIMIT 1 FOR UPDATE) RETURNING port";
    private static final String RELEASE = "UPDATE rdp_port SET server_id = NULL, owner = NULL, assigned_at = NULL, released_at = ? "
            + "WHERE server_id = ?";

    private final TransactionOperations<Connection> transactions;
    private final RdpSettings settings;

    JdbcRdpServerSlots(TransactionOperations<Connection> transactions, RdpSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public Allocation allocate(String serverId, String owner, Instant now) {
        Connection connection = transactions.getConnection();
        try {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.executeQuery().close();
            }
            try (PreparedStatement count = connection.prepareStatement(COUNT)) {
                count.setString(1, owner);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= settings.maxServers()) {
                        return Allocation.refused(Refusal.SYSTEM_LIMIT_REACHED);
                    }
                    if (rows.getLong(2) >= settings.maxServersPerOwner()) {
                        return Allocation.refused(Refusal.OWNER_LIMIT_REACHED);
                    }
                }
            }
            try (PreparedStatement assign = connection.prepareStatement(ASSIGN)) {
                assign.setString(1, serverId);
                assign.setString(2, owner);
                assign.setObject(3, utc(now));
                assign.setObject(4, utc(now.minus(settings.portCooldown())));
                try (ResultSet rows = assign.executeQuery()) {
                    return rows.next() ? Allocation.granted(rows.getInt(1)) : Allocation.refused(Refusal.NO_PORT_FREE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("RDP port allocation failed", e);
        }
    }

    @Override
    public void release(String serverId, Instant now) {
        try (PreparedStatement release = transactions.getConnection().prepareStatement(RELEASE)) {
            release.setObject(1, utc(now));
            release.setString(2, serverId);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("RDP port release failed", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
