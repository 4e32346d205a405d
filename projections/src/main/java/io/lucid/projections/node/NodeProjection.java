package io.lucid.projections.node;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.projections.EventHandlers;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.ViewChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The node view ({@code read.node_view}): one row per node, written from the node's events. A row is only ever
 * changed by a higher version, so a replay or a late duplicate cannot roll a node back.
 */
public final class NodeProjection {

    /** The view name in change announcements and WebSocket channels. */
    public static final String VIEW = "node";

    private static final String UPSERT = """
            INSERT INTO read.node_view (node_id, name, node_type, cpu_cores, memory_bytes, storage_bytes, storage_type,
                network_mbps, gpu_model, country, region, wallet_address, public_key, status, version, registered_at,
                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (node_id) DO UPDATE SET name = EXCLUDED.name, node_type = EXCLUDED.node_type,
                cpu_cores = EXCLUDED.cpu_cores, memory_bytes = EXCLUDED.memory_bytes,
                storage_bytes = EXCLUDED.storage_bytes, storage_type = EXCLUDED.storage_type,
                network_mbps = EXCLUDED.network_mbps, gpu_model = EXCLUDED.gpu_model, country = EXCLUDED.country,
                region = EXCLUDED.region, wallet_address = EXCLUDED.wallet_address, public_key = EXCLUDED.public_key,
                status = EXCLUDED.status, version = EXCLUDED.version, registered_at = EXCLUDED.registered_at,
                updated_at = EXCLUDED.updated_at
            WHERE read.node_view.version < EXCLUDED.version""";

    private static final String SET_STATUS = """
            UPDATE read.node_view SET status = ?, version = ?, updated_at = ?
            WHERE node_id = ? AND version < ?""";

    private static final String SET_HARDWARE = """
            UPDATE read.node_view SET cpu_cores = ?, memory_bytes = ?, storage_bytes = ?, storage_type = ?,
                network_mbps = ?, gpu_model = ?, version = ?, updated_at = ?
            WHERE node_id = ? AND version < ?""";

    /** Registers this projection's handlers: one per event type of the node aggregate. */
    public EventHandlers.Builder register(EventHandlers.Builder handlers) {
        return handlers
                .on(NodeRegistered.class, this::on)
                .on(NodeActivated.class, this::on)
                .on(NodeDeactivated.class, this::on)
                .on(NodeMaintenanceEntered.class, this::on)
                .on(NodeMaintenanceExited.class, this::on)
                .on(NodeHardwareUpdated.class, this::on)
                .on(NodeDeregistered.class, this::on);
    }

    /** A registration creates the node's row, INACTIVE. */
    public Optional<ViewChange> on(NodeRegistered event, EventMetadata metadata, Connection tx) throws SQLException {
        NodeViewRow row = NodeViewRow.registered(event, metadata);
        try (PreparedStatement upsert = tx.prepareStatement(UPSERT)) {
            int i = 0;
            upsert.setString(++i, row.nodeId());
            upsert.setString(++i, row.name());
            upsert.setString(++i, row.nodeType());
            upsert.setInt(++i, row.cpuCores());
            upsert.setLong(++i, row.memoryBytes());
            upsert.setLong(++i, row.storageBytes());
            upsert.setString(++i, row.storageType());
            upsert.setInt(++i, row.networkMbps());
            setNullable(upsert, ++i, row.gpuModel());
            upsert.setString(++i, row.country());
            setNullable(upsert, ++i, row.region());
            upsert.setString(++i, row.walletAddress());
            upsert.setString(++i, row.publicKey());
            upsert.setString(++i, row.status());
            upsert.setLong(++i, row.version());
            upsert.setObject(++i, utc(row.registeredAt()));
            upsert.setObject(++i, utc(row.updatedAt()));
            return changed(upsert.executeUpdate(), row.nodeId(), row.version());
        }
    }

    public Optional<ViewChange> on(NodeActivated event, EventMetadata metadata, Connection tx) throws SQLException {
        return setStatus(tx, event.getNodeId(), NodeStatus.ACTIVE, metadata);
    }

    public Optional<ViewChange> on(NodeDeactivated event, EventMetadata metadata, Connection tx) throws SQLException {
        return setStatus(tx, event.getNodeId(), NodeStatus.INACTIVE, metadata);
    }

    public Optional<ViewChange> on(NodeMaintenanceEntered event, EventMetadata metadata, Connection tx)
            throws SQLException {
        return setStatus(tx, event.getNodeId(), NodeStatus.MAINTENANCE, metadata);
    }

    /** Leaving maintenance makes the node ACTIVE again. */
    public Optional<ViewChange> on(NodeMaintenanceExited event, EventMetadata metadata, Connection tx)
            throws SQLException {
        return setStatus(tx, event.getNodeId(), NodeStatus.ACTIVE, metadata);
    }

    public Optional<ViewChange> on(NodeDeregistered event, EventMetadata metadata, Connection tx) throws SQLException {
        return setStatus(tx, event.getNodeId(), NodeStatus.DEREGISTERED, metadata);
    }

    public Optional<ViewChange> on(NodeHardwareUpdated event, EventMetadata metadata, Connection tx)
            throws SQLException {
        NodeHardware hardware = event.getHardware();
        try (PreparedStatement update = tx.prepareStatement(SET_HARDWARE)) {
            int i = 0;
            update.setInt(++i, hardware.getCpuCores());
            update.setLong(++i, hardware.getMemoryBytes());
            update.setLong(++i, hardware.getStorageBytes());
            update.setString(++i, hardware.getStorageType().name());
            update.setInt(++i, hardware.getNetworkMbps());
            setNullable(update, ++i, hardware.getGpuModel());
            update.setLong(++i, metadata.version());
            update.setObject(++i, utc(metadata.time()));
            update.setString(++i, event.getNodeId());
            update.setLong(++i, metadata.version());
            return changed(update.executeUpdate(), event.getNodeId(), metadata.version());
        }
    }

    private static Optional<ViewChange> setStatus(Connection tx, String nodeId, NodeStatus status,
            EventMetadata metadata) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(SET_STATUS)) {
            update.setString(1, status.name());
            update.setLong(2, metadata.version());
            update.setObject(3, utc(metadata.time()));
            update.setString(4, nodeId);
            update.setLong(5, metadata.version());
            return changed(update.executeUpdate(), nodeId, metadata.version());
        }
    }

    private static Optional<ViewChange> changed(int rows, String nodeId, long version) {
        return rows == 1 ? Optional.of(new ViewChange(VIEW, nodeId, version)) : Optional.empty();
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
