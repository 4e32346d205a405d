package io.lucid.devstack.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.node.NodeRegistered;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node-registration slice end to end on the real embedded stack: REST command, Axon event store,
 * Debezium relay, Kafka in the Confluent wire format, projection, REST view and WebSocket push.
 */
class NodeSliceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private static TestStack stack;
    private static SliceClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new SliceClient(stack);
    }

    private static String uniqueId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void registeredNodeReachesTheViewTheTopicAndTheWebSocket() throws Exception {
        String id = uniqueId();
        String nodeId = "node_" + id;
        SliceClient.Frames ws = client.connect();
        ws.send("{\"type\":\"auth\",\"token\":\"" + stack.adminToken() + "\"}");
        assertThat(json(ws.next(10)).path("type").asText()).isEqualTo("auth_success");
        ws.send("{\"type\":\"subscribe\",\"channel\":\"node:" + nodeId + "\"}");
        JsonNode snapshot = json(ws.next(10));
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.path("channel").asText()).isEqualTo("node:" + nodeId);
        assertThat(snapshot.path("data").isNull()).isTrue();

        HttpResponse<String> accepted = client.register(SliceClient.registration(nodeId, "name-" + id), stack.adminToken());
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(json(accepted.body()).path("node_id").asText()).isEqualTo(nodeId);

        JsonNode update = json(ws.next(PROPAGATION.toSeconds()));
        assertThat(update.path("type").asText()).isEqualTo("update");
        assertThat(update.path("version").asLong()).isGreaterThan(snapshot.path("version").asLong());
        assertThat(update.path("data").path("node_id").asText()).isEqualTo(nodeId);
        assertThat(update.path("data").path("status").asText()).isEqualTo("INACTIVE");
        ws.close();

        HttpResponse<String> view = client.node(nodeId, stack.adminToken());
        assertThat(view.statusCode()).isEqualTo(200);
        JsonNode node = json(view.body());
        assertThat(node.path("name").asText()).isEqualTo("name-" + id);
        assertThat(node.path("node_type").asText()).isEqualTo("worker");
        assertThat(node.path("country").asText(node.path("location").path("country").asText())).isEqualTo("DE");

        ConsumerRecord<String, byte[]> record = recordsOf(Set.of(nodeId)).get(nodeId);
        assertThat(record.key()).isEqualTo(nodeId);
        assertThat(record.value()[0]).isZero(); // Confluent magic byte
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(NodeRegistered.getClassSchema().getFullName());
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(nodeId);
        assertThat(header(record, CloudEventHeaders.ACTOR)).isEqualTo("admin");
        assertThat(header(record, CloudEventHeaders.CORRELATION_ID)).isNotBlank();
        assertThat(header(record, CloudEventHeaders.ID)).isNotBlank();
        NodeRegistered event = new AvroWireFormat(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()))
                .deserialize(record.topic(), record.value());
        assertThat(event.getNodeId()).isEqualTo(nodeId);
        assertThat(event.getHardware().getCpuCores()).isEqualTo(8);
        assertThat(event.getWalletAddress()).isEqualTo("TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz");
    }

    @Test
    void malformedJsonIs400AndStoresNothing() throws Exception {
        long before = client.storedEvents();
        HttpResponse<String> response = client.register("{\"node_id\": ", stack.adminToken());
        assertProblem(response, 400, "malformed_request");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void valueOfTheWrongJsonTypeIs400AndStoresNothing() throws Exception {
        long before = client.storedEvents();
        String body = SliceClient.registration("node_" + uniqueId(), "typed-" + uniqueId()).replace("\"cpu_cores\":8", "\"cpu_cores\":\"8\"");
        assertProblem(client.register(body, stack.adminToken()), 400, "malformed_request");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void ruleViolationIs422WithFieldErrorsAndStoresNothing() throws Exception {
        long before = client.storedEvents();
        String body = SliceClient.registration("node_test_reserved", "x").replace("\"cpu_cores\":8", "\"cpu_cores\":0");
        HttpResponse<String> response = client.register(body, stack.adminToken());
        JsonNode problem = assertProblem(response, 422, "validation_failed");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("node_id", "name", "hardware.cpu_cores");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void duplicateNodeIdOrNameIs409AndStoresNothing() throws Exception {
        String id = uniqueId();
        assertThat(client.register(SliceClient.registration("node_" + id, "dup-" + id), stack.adminToken()).statusCode()).isEqualTo(201);
        long before = client.storedEvents();
        assertProblem(client.register(SliceClient.registration("node_" + id, "other-" + id), stack.adminToken()), 409,
                "node_already_registered");
        assertProblem(client.register(SliceClient.registration("node_x" + id, "dup-" + id), stack.adminToken()), 409,
                "node_name_taken");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void missingOrForgedTokenIs401AndStoresNothing() throws Exception {
        long before = client.storedEvents();
        String body = SliceClient.registration("node_" + uniqueId(), "anon-" + uniqueId());
        assertProblem(client.register(body, null), 401, "unauthorized");
        String forged = stack.adminToken().substring(0, stack.adminToken().lastIndexOf('.') + 1) + "AAAA";
        assertProblem(client.register(body, forged), 401, "unauthorized");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void auditorMayNotRegisterNodes() throws Exception {
        long before = client.storedEvents();
        String body = SliceClient.registration("node_" + uniqueId(), "aud-" + uniqueId());
        assertProblem(client.register(body, stack.tokenFor("AUDITOR")), 403, "forbidden");
        assertThat(client.storedEvents()).isEqualTo(before);
    }

    @Test
    void relayRestartLosesNothing() throws Exception {
        String batch = uniqueId();
        Set<String> nodeIds = IntStream.range(0, 20).mapToObj(i -> "node_r" + batch + "_" + i).collect(Collectors.toSet());
        List<String> ids = new ArrayList<>(nodeIds);
        stack.stop("relay");
        try {
            for (String nodeId : ids.subList(0, 10)) {
                assertThat(client.register(SliceClient.registration(nodeId, nodeId.replace("node_", "n-")), stack.adminToken()).statusCode())
                        .isEqualTo(201);
            }
        } finally {
            stack.start("relay");
        }
        for (String nodeId : ids.subList(10, 20)) {
            assertThat(client.register(SliceClient.registration(nodeId, nodeId.replace("node_", "n-")), stack.adminToken()).statusCode())
                    .isEqualTo(201);
        }
        Map<String, ConsumerRecord<String, byte[]>> published = recordsOf(nodeIds);
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(nodeIds);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            for (String nodeId : ids) {
                assertThat(client.node(nodeId, stack.adminToken()).statusCode()).as(nodeId).isEqualTo(200);
            }
        });
    }

    /** Reads the node topic from the beginning until every wanted node's registration is there. */
    private static Map<String, ConsumerRecord<String, byte[]>> recordsOf(Set<String> nodeIds) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "slice-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.NODE_EVENTS.name()));
            await().atMost(PROPAGATION).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (nodeIds.contains(r.key())) {
                        found.putIfAbsent(r.key(), r);
                    }
                });
                return found.keySet().containsAll(nodeIds);
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    private static JsonNode json(String text) throws Exception {
        assertThat(text).as("a frame or body arrived").isNotNull();
        return JSON.readTree(text);
    }
}
