package io.lucid.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The projections' consumer positions in {@code read.consumer_offset}, written in the same transaction as the
 * rows they produced: after a crash the views and the positions agree, so no event is applied twice.
 */
final class ConsumerOffsets {

    private static final String SELECT =
            "SELECT next_offset FROM read.consumer_offset WHERE consumer_group = ? AND topic = ? AND partition = ?";
    private static final String UPSERT = """
            INSERT INTO read.consumer_offset (consumer_group, topic, partition, next_offset, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (consumer_group, topic, partition)
            DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at""";

    private final String groupId;

    ConsumerOffsets(String groupId) {
        this.groupId = groupId;
    }

    /** The stored next offset of each partition that has one. */
    Map<TopicPartition, Long> load(Connection connection, Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            for (TopicPartition partition : partitions) {
                select.setString(1, groupId);
                select.setString(2, partition.topic());
                select.setInt(3, partition.partition());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        offsets.put(partition, rows.getLong(1));
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
                upsert.setString(1, groupId);
                upsert.setString(2, entry.getKey().topic());
                upsert.setInt(3, entry.getKey().partition());
                upsert.setLong(4, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
