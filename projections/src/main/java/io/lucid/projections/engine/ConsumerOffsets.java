package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A projection's consumer positions in {@code consumer_offset}, written in the same transaction as the rows they
 * produced: after a crash the views and the positions agree, so no event is applied twice.
 */
final class ConsumerOffsets {

    private static final String SELECT =
            "SELECT topic, partition, next_offset FROM consumer_offset WHERE projection = ?";
    private static final String UPSERT = """
            INSERT INTO consumer_offset (projection, topic, partition, next_offset, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (projection, topic, partition)
            DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at""";

    private final String projection;

    ConsumerOffsets(String projection) {
        this.projection = projection;
    }

    /** The stored next offset of each partition among {@code partitions} that has one. */
    Map<TopicPartition, Long> load(Connection connection, Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(rows.getString(1), rows.getInt(2));
                    if (partitions.contains(partition)) {
                        offsets.put(partition, rows.getLong(3));
                    }
                }
            }
        }
        return offsets;
    }

    /** Records the next offset to read per partition. */
    void save(Connection tx, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = tx.prepareStatement(UPSERT)) {
            for (Map.Entry<TopicPartition, Long> entry : nextOffsets.entrySet()) {
                upsert.setString(1, projection);
                upsert.setString(2, entry.getKey().topic());
                upsert.setInt(3, entry.getKey().partition());
                upsert.setLong(4, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
