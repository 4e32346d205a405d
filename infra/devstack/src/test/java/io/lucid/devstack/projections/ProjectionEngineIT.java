package io.lucid.devstack.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.view.ViewChanged;
import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;
import io.lucid.projections.ReadModel;
import io.lucid.projections.ReadModels;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.deadletter.DeadLetterRecords;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection engine on the real stack: bad records are dead-lettered and never stop a read model, duplicates
 * change nothing, and a projection started on an existing history catches up to exactly the live rows.
 */
class ProjectionEngineIT {

    private static TestStack stack;
    private static QueryClient query;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void connect() {
        stack = TestStacks.get();
        query = new QueryClient(stack);
        registry = SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString());
    }

    /** Every topic some read model reads. */
    private static Set<Topic<String, ? extends SpecificRecord>> sourceTopics() {
        Set<Topic<String, ? extends SpecificRecord>> topics = new LinkedHashSet<>();
        ReadModels.all().forEach(model -> topics.addAll(model.sources()));
        return topics;
    }

    @Test
    void aPoisonedRecordOnEverySourceTopicIsDeadLetteredAndTheViewsKeepUpdating() throws Exception {
        // Positions of the poison, and which projections must dead-letter each.
        Map<String, Set<String>> expected = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Topic<String, ? extends SpecificRecord> topic : sourceTopics()) {
                Set<String> readers = new HashSet<>();
                for (ReadModel model : ReadModels.all()) {
                    if (model.sources().contains(topic)) {
                        readers.add("lucid-projections." + model.name());
                    }
                }
                // A well-formed record of a type no read model takes on this topic: every client decodes it.
                byte[] foreign = new AvroSerde<SpecificRecord>(registry).serializer().serialize(topic.name(),
                        new ViewChanged("poison", "p", 1L, Instant.now(), null, null, null));
                if (!topic.equals(ScratchReadModel.TOPIC)) {
                    expected.put(send(producer, topic.name(), foreign), readers);
                }
            }
            // Bytes no schema decodes go only to the tests' scratch topic: analytics clients read the public ones.
            byte[] garbage = {0, 0, 0x0f, 0x42, 0x40, 1, 2, 3};
            expected.put(send(producer, ScratchReadModel.TOPIC.name(), garbage), Set.of("lucid-projections.scratch"));
            byte[] good = new AvroSerde<SpecificRecord>(registry).serializer().serialize(ScratchReadModel.TOPIC.name(),
                    new ViewChanged("after-poison", "p", 1L, Instant.now(), null, null, null));
            send(producer, ScratchReadModel.TOPIC.name(), good);
        }

        String nodeId = "node_poison_" + Nodes.unique();
        registerNode(nodeId);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                query.get("/api/v1/nodes/" + nodeId, stack.adminToken()).status() == 200);

        // The scratch read model applies the good record sent after the garbage: it kept going.
        await().atMost(Duration.ofSeconds(60)).until(() -> scratchRows() > 0);

        Map<String, Set<String>> lettered = new HashMap<>();
        try (KafkaConsumer<String, byte[]> letters = consumer()) {
            letters.assign(partitions(letters, Topics.DEAD_LETTERS.name()));
            letters.seekToBeginning(letters.assignment());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> letter : letters.poll(Duration.ofMillis(200))) {
                    String source = header(letter, DeadLetterRecords.SOURCE);
                    if (expected.containsKey(source)) {
                        lettered.computeIfAbsent(source, s -> new HashSet<>())
                                .add(header(letter, DeadLetterRecords.CONSUMER));
                    }
                }
                return expected.entrySet().stream()
                        .allMatch(e -> lettered.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
            });
        }
        assertThat(lettered.keySet()).containsAll(expected.keySet());
    }

    @Test
    void aRepeatedEventChangesNoRow() throws Exception {
        String nodeId = "node_dup_" + Nodes.unique();
        registerNode(nodeId);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                query.get("/api/v1/nodes/" + nodeId, stack.adminToken()).status() == 200);
        String etag = query.get("/api/v1/nodes/" + nodeId, stack.adminToken()).header("ETag");

        ConsumerRecord<String, byte[]> original = firstRecordOf(Topics.NODE_EVENTS.name(), nodeId);
        String copy;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(original.topic(), null,
                    original.key().getBytes(StandardCharsets.UTF_8), original.value(), original.headers())).get();
            copy = sent.topic() + "/" + sent.partition() + "@" + sent.offset();
        }
        awaitAppliedPast(copy);

        assertThat(query.get("/api/v1/nodes/" + nodeId, stack.adminToken()).header("ETag")).isEqualTo(etag);
    }

    @Test
    void aNewProjectionCatchesUpFromTheBeginningToTheLiveRows() throws Exception {
        String schema = "replay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ProjectionConfig live = ProjectionConfig.of(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(),
                stack.kafkaBootstrap(), stack.schemaRegistryUrl().toString());
        try (ProjectionService replay = ProjectionService.start(live.withSchema(schema, "lucid-" + schema))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sameOffsetsAndRows(schema));
            assertThat(replay.isRunning()).isTrue();
        } finally {
            try (Connection connection = connection(); Statement drop = connection.createStatement()) {
                drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /**
     * In one snapshot: the replay has the same offsets as the live projections, and then the same rows (bodies;
     * versions count changes and may differ where two topics feed one row).
     */
    private static boolean sameOffsetsAndRows(String schema) throws Exception {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                String offsetsDiffer = """
                        SELECT count(*) FROM (
                          (SELECT projection, topic, partition, next_offset FROM read.consumer_offset
                           EXCEPT SELECT projection, topic, partition, next_offset FROM %1$s.consumer_offset)
                          UNION ALL
                          (SELECT projection, topic, partition, next_offset FROM %1$s.consumer_offset
                           EXCEPT SELECT projection, topic, partition, next_offset FROM read.consumer_offset)) d"""
                        .formatted(schema);
                if (count(statement, offsetsDiffer) != 0) {
                    connection.rollback();
                    return false;
                }
                String rowsDiffer = """
                        SELECT count(*) FROM (
                          (SELECT view, id, deleted, body::text FROM read.view_row
                           EXCEPT SELECT view, id, deleted, body::text FROM %1$s.view_row)
                          UNION ALL
                          (SELECT view, id, deleted, body::text FROM %1$s.view_row
                           EXCEPT SELECT view, id, deleted, body::text FROM read.view_row)) d""".formatted(schema);
                long differing = count(statement, rowsDiffer);
                long rows = count(statement, "SELECT count(*) FROM read.view_row");
                connection.rollback();
                assertThat(differing).as("rows differing between the live read model and its replay").isZero();
                return rows > 0;
            }
        }
    }

    private static long scratchRows() throws Exception {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            return count(statement, "SELECT count(*) FROM read.view_row WHERE view = 'scratch'");
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until the nodes projection stored an offset past {@code position} ({@code topic/partition@offset}). */
    private static void awaitAppliedPast(String position) {
        String topic = position.substring(0, position.indexOf('/'));
        int partition = Integer.parseInt(position.substring(position.indexOf('/') + 1, position.indexOf('@')));
        long offset = Long.parseLong(position.substring(position.indexOf('@') + 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection connection = connection(); PreparedStatement select = connection.prepareStatement(
                    "SELECT next_offset FROM read.consumer_offset WHERE projection = 'nodes' AND topic = ? AND partition = ?")) {
                select.setString(1, topic);
                select.setInt(2, partition);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() && rs.getLong(1) > offset;
                }
            }
        });
    }

    private static void registerNode(String nodeId) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(stack.commandApi().resolve("/api/v1/nodes"))
                        .header("Authorization", "Bearer " + stack.tokenFor("ADMIN"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                Nodes.registration(nodeId, new NodeKeys().publicKey()))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static ConsumerRecord<String, byte[]> firstRecordOf(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(partitions(consumer, topic));
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && found.isEmpty()) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        String subject = "poison-" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.TYPE, utf8("io.lucid.events.view.ViewChanged"));
        headers.add(CloudEventHeaders.SUBJECT, utf8(subject));
        headers.add(CloudEventHeaders.SEQUENCE, utf8("0"));
        headers.add(CloudEventHeaders.TIME, utf8(Instant.now().toString()));
        RecordMetadata sent = producer.send(new ProducerRecord<>(topic, null, utf8(subject), value, headers)).get();
        return sent.topic() + "/" + sent.partition() + "@" + sent.offset();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        // Derived topics are transactional: read what was committed, as the projections do.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }
}
