package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch transaction against a real PostgreSQL ({@code LUCID_DB_URL}, the embedded stack's by default): rows,
 * offsets, deduplication and the outbox land together or not at all. Needs no broker: records are built in
 * memory and the schema registry is the in-memory one.
 */
class ReadModelIT {

    private static final String TOPIC = Topics.NODE_EVENTS.name();
    private static HikariDataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String group = "it-" + run;
    private final Serde<SpecificRecord> serde = new AvroSerde<>(SchemaRegistryClient.inMemory("read-model-it"));
    private final ViewOutbox outbox = new ViewOutbox(group);
    private final BatchApplier applier = new BatchApplier(dataSource(), serde.deserializer(),
            ProjectionService.handlers(), new ConsumerOffsets(group), outbox);

    @BeforeAll
    static void migrate() {
        ProjectionConfig config = ProjectionConfig.fromEnvironment();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(hikari);
        ReadSchema.migrate(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static HikariDataSource dataSource() {
        return dataSource;
    }

    @Test
    void aRegistrationCreatesAnInactiveNodeWithItsOffsetAndAnAnnouncement() throws Exception {
        String nodeId = "node_it_" + run;

        int changes = applier.apply(batch(record(0, "evt-" + run, nodeId, 0)));

        assertThat(changes).isEqualTo(1);
        assertThat(query("SELECT status || ':' || version || ':' || cpu_cores FROM read.node_view WHERE node_id = '"
                + nodeId + "'")).containsExactly("INACTIVE:1:8");
        assertThat(storedOffsets()).isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 1L));
        try (Connection connection = connection()) {
            assertThat(outbox.pending(connection, 10)).extracting(ViewOutbox.Entry::change)
                    .containsExactly(new ViewChange("node", nodeId, 1));
        }
    }

    @Test
    void aDuplicateEventChangesNothingButTheOffset() throws Exception {
        String nodeId = "node_it_" + run;
        applier.apply(batch(record(0, "evt-" + run, nodeId, 0)));

        int changes = applier.apply(batch(record(1, "evt-" + run, nodeId, 0)));

        assertThat(changes).isZero();
        assertThat(storedOffsets()).isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 2L));
        try (Connection connection = connection()) {
            assertThat(outbox.pending(connection, 10)).hasSize(1);
        }
    }

    @Test
    void anOlderVersionNeverReplacesANewerRow() throws Exception {
        String nodeId = "node_it_" + run;
        applier.apply(batch(record(0, "evt-a-" + run, nodeId, 3)));

        int changes = applier.apply(batch(record(1, "evt-b-" + run, nodeId, 1)));

        assertThat(changes).isZero();
        assertThat(query("SELECT version::text FROM read.node_view WHERE node_id = '" + nodeId + "'"))
                .containsExactly("4");
    }

    @Test
    void lifecycleEventsMoveTheStatusAndTheVersion() throws Exception {
        String nodeId = "node_it_" + run;
        Instant now = Instant.now();
        applier.apply(batch(
                record(0, "evt-1-" + run, nodeId, 0, TestRecords.nodeRegistered(nodeId)),
                record(1, "evt-2-" + run, nodeId, 1, new NodeActivated(nodeId, now)),
                record(2, "evt-3-" + run, nodeId, 2, new NodeMaintenanceEntered(nodeId, "disk swap", now))));

        assertThat(query("SELECT status || ':' || version FROM read.node_view WHERE node_id = '" + nodeId + "'"))
                .containsExactly("MAINTENANCE:3");
        try (Connection connection = connection()) {
            assertThat(outbox.pending(connection, 10)).extracting(entry -> entry.change().version())
                    .containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void anUndecodableRecordRollsTheWholeBatchBack() {
        String nodeId = "node_it_" + run;
        ConsumerRecord<String, byte[]> good = record(0, "evt-ok-" + run, nodeId, 0);
        ConsumerRecord<String, byte[]> bad = TestRecords.record("evt-bad-" + run, nodeId + "x", 0);

        assertThatThrownBy(() -> applier.apply(batch(good, bad))).isInstanceOf(UnprocessableRecordException.class);

        assertThat(query("SELECT node_id FROM read.node_view WHERE node_id = '" + nodeId + "'")).isEmpty();
        assertThat(query("SELECT event_id FROM read.processed_event WHERE event_id = 'evt-ok-" + run + "'")).isEmpty();
    }

    private ConsumerRecord<String, byte[]> record(long offset, String eventId, String nodeId, long sequence) {
        return record(offset, eventId, nodeId, sequence, TestRecords.nodeRegistered(nodeId));
    }

    private ConsumerRecord<String, byte[]> record(long offset, String eventId, String nodeId, long sequence,
            SpecificRecord event) {
        ConsumerRecord<String, byte[]> template = TestRecords.record(eventId, nodeId, sequence);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 0, offset, nodeId,
                serde.serializer().serialize(TOPIC, event));
        template.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    @SafeVarargs
    private static ConsumerRecords<String, byte[]> batch(ConsumerRecord<String, byte[]>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(records[0].topic(), records[0].partition()),
                List.of(records)), Map.of());
    }

    private Map<TopicPartition, Long> storedOffsets() throws SQLException {
        try (Connection connection = connection()) {
            return new ConsumerOffsets(group).load(connection, List.of(new TopicPartition(TOPIC, 0)));
        }
    }

    private static Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private static List<String> query(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
