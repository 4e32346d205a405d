package io.lucid.query.node;

import io.lucid.query.ReadModelUnavailableException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads {@code read.node_view}, the table the projections maintain. */
@Singleton
public class NodeViewRepository implements NodeReader {

    private static final String COLUMNS = "node_id, name, node_type, status, cpu_cores, memory_bytes, storage_bytes,"
            + " storage_type, network_mbps, gpu_model, country, region, wallet_address, public_key, version,"
            + " registered_at, updated_at";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM read.node_view WHERE node_id = ?";
    private static final String BY_IDS = "SELECT " + COLUMNS + " FROM read.node_view WHERE node_id = ANY (?)";
    private static final String RECENT =
            "SELECT " + COLUMNS + " FROM read.node_view ORDER BY updated_at DESC, node_id LIMIT ?";

    private final DataSource dataSource;

    public NodeViewRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<NodeView> find(String nodeId) {
        List<NodeView> nodes = query(BY_ID, statement -> statement.setString(1, nodeId));
        return nodes.stream().findFirst();
    }

    @Override
    public List<NodeView> findAll(Collection<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return List.of();
        }
        return query(BY_IDS, statement ->
                statement.setArray(1, statement.getConnection().createArrayOf("text", nodeIds.toArray())));
    }

    @Override
    public List<NodeView> recent(int limit) {
        return query(RECENT, statement -> statement.setInt(1, limit));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<NodeView> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<NodeView> nodes = new ArrayList<>();
                while (rows.next()) {
                    nodes.add(map(rows));
                }
                return nodes;
            }
        } catch (SQLException e) {
            throw new ReadModelUnavailableException("cannot read read.node_view: " + e.getMessage(), e);
        }
    }

    private static NodeView map(ResultSet rows) throws SQLException {
        return new NodeView(
                rows.getString("node_id"), rows.getString("name"), rows.getString("node_type"),
                rows.getString("status"),
                new NodeView.Hardware(rows.getInt("cpu_cores"), rows.getLong("memory_bytes"),
                        rows.getLong("storage_bytes"), rows.getString("storage_type"), rows.getInt("network_mbps"),
                        rows.getString("gpu_model")),
                new NodeView.Location(rows.getString("country"), rows.getString("region")),
                rows.getString("wallet_address"), rows.getString("public_key"), rows.getLong("version"),
                instant(rows, "registered_at"), instant(rows, "updated_at"));
    }

    private static String instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }
}
