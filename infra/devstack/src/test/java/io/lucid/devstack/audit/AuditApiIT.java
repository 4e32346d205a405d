package io.lucid.devstack.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.NodeStackClients;
import io.lucid.devstack.node.Nodes;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit API of query-api on the real stack, over scratch nodes of its own (ids {@code node_aud*}): history,
 * NDJSON export, state as of a version or a time, and {@code verify} over the store and the topics catching each
 * kind of tampering at the exact event. Tampered aggregates are used for nothing else afterwards.
 */
class AuditApiIT extends NodeStackClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StoredEvents store;
    private static String auditor;

    @BeforeAll
    static void setUp() {
        store = new StoredEvents(stack);
        auditor = tokens.of("AUDITOR", "auditor-" + Nodes.unique());
    }

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static Reply get(String pathAndQuery, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.queryApi() + pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** A node with five events: registered, activated, maintenance entered and exited, deactivated. */
    private static String nodeWithFiveEvents(String prefix) {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register(prefix, new NodeKeys());
        String base = "/api/v1/nodes/" + nodeId;
        assertThat(api.post(base + "/activate", null, operator).status()).isEqualTo(200);
        assertThat(api.post(base + "/maintenance/enter", "{\"reason\":\"disk\"}", operator).status()).isEqualTo(200);
        assertThat(api.post(base + "/maintenance/exit", null, operator).status()).isEqualTo(200);
        assertThat(api.post(base + "/deactivate", null, operator).status()).isEqualTo(200);
        return nodeId;
    }

    private static JsonNode problemOf(String source, String aggregateId) throws Exception {
        Reply reply = get("/api/v1/audit/verify?source=" + source + "&aggregate_id=" + aggregateId, auditor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.path("problems")).as(reply.body()).hasSize(1);
        return report.path("problems").get(0);
    }

    @Test
    void historyShowsEveryEventInOrderWithItsHashAndPayloadAndRecordsWhoAsked() throws Exception {
        String nodeId = nodeWithFiveEvents("node_audh_");
        Reply reply = get("/api/v1/audit/aggregates/" + nodeId + "/events", auditor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode events = reply.json().path("events");
        List<IndependentChain.Row> rows = store.of(nodeId);
        assertThat(events).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(events.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(events.get(i).path("hash").asText()).isEqualTo(HexFormat.of().formatHex(rows.get(i).hash()));
            assertThat(events.get(i).path("metadata").path("actor").asText()).isNotEmpty();
        }
        assertThat(events.get(0).path("type").asText()).isEqualTo("io.lucid.events.node.NodeRegistered");
        assertThat(events.get(0).path("payload").path("node_id").asText()).isEqualTo(nodeId);

        String subject = reply.json().path("aggregate_id").asText();
        assertThat(subject).isEqualTo(nodeId);
        assertThat(db.number("SELECT count(*) FROM audit_access WHERE action = 'history' AND parameters ->> 'aggregate_id' = ?"
                + " AND roles = 'AUDITOR'", nodeId)).isEqualTo(1);

        Reply operator = get("/api/v1/audit/aggregates/" + nodeId + "/events", tokens.of("OPERATOR", "op-x"));
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.json().path("code").asText()).isEqualTo("forbidden");
        Reply unknown = get("/api/v1/audit/aggregates/node_never_" + Nodes.unique() + "/events", auditor);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("aggregate_not_found");
    }

    @Test
    void exportStreamsTheMatchingEventsAsNdjson() throws Exception {
        String nodeId = nodeWithFiveEvents("node_aude_");
        String correlation = "corr-" + UUID.randomUUID();
        HttpRequest activate = HttpRequest.newBuilder(stack.commandApi().resolve("/api/v1/nodes/" + nodeId + "/activate"))
                .header("Authorization", "Bearer " + stack.adminToken()).header("X-Correlation-Id", correlation)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(HTTP.send(activate, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        Reply byCorrelation = get("/api/v1/audit/events?correlation_id=" + correlation, auditor);
        assertThat(byCorrelation.status()).as(byCorrelation.body()).isEqualTo(200);
        List<JsonNode> lines = ndjson(byCorrelation.body());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("aggregate_id").asText()).isEqualTo(nodeId);
        assertThat(lines.get(0).path("sequence").asLong()).isEqualTo(5);

        List<JsonNode> ofNode = ndjson(get("/api/v1/audit/events?aggregate_id=" + nodeId + "&type=NodeActivated", auditor).body());
        assertThat(ofNode).extracting(line -> line.path("sequence").asLong()).containsExactly(1L, 5L);

        String from = URLEncoder.encode(ofNode.get(1).path("time").asText(), StandardCharsets.UTF_8);
        List<JsonNode> since = ndjson(get("/api/v1/audit/events?aggregate_id=" + nodeId + "&from=" + from, auditor).body());
        assertThat(since).extracting(line -> line.path("sequence").asLong()).containsExactly(5L);

        Reply bad = get("/api/v1/audit/events?colour=red", auditor);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("invalid_parameter");
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("colour");
        assertThat(get("/api/v1/audit/events?from=yesterday", auditor).status()).isEqualTo(400);
    }

    private static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void stateAsOfVersionNEqualsTheStateAfterItsFirstNEvents() throws Exception {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register("node_auds_", new NodeKeys());
        String base = "/api/v1/nodes/" + nodeId;
        List<Runnable> commands = List.of(
                () -> api.post(base + "/activate", null, operator),
                () -> nodes.put(base + "/hardware", """
                        {"cpu_cores":2,"memory_bytes":4294967296,"storage_bytes":53687091200,"storage_type":"SSD","network_mbps":100}""", operator),
                () -> api.post(base + "/maintenance/enter", "{\"reason\":\"disk\"}", operator),
                () -> api.post(base + "/maintenance/exit", null, operator),
                () -> api.post(base + "/deactivate", null, operator));
        List<JsonNode> after = statesAfterEachCommand(nodeId, commands);
        assertThat(after).extracting(state -> state.path("version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(after.get(3).path("state").path("status").asText()).isEqualTo("MAINTENANCE");
        assertStateAtEveryVersion(nodeId, after);
        // As of the time of the third event: the first three applied.
        JsonNode third = JSON.readTree(get("/api/v1/audit/aggregates/" + nodeId + "/events", auditor).body())
                .path("events").get(2);
        Reply at = get("/api/v1/audit/aggregates/" + nodeId + "/state?at="
                + URLEncoder.encode(third.path("time").asText(), StandardCharsets.UTF_8), auditor);
        assertThat(at.json().path("version").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(at.json().path("state")).isEqualTo(after.get((int) at.json().path("version").asLong() - 1).path("state"));

        Reply zero = get("/api/v1/audit/aggregates/" + nodeId + "/state?version=0", auditor);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("code").asText()).isEqualTo("invalid_parameter");
        assertThat(get("/api/v1/audit/aggregates/" + nodeId + "/state", tokens.of("NODE", nodeId)).status()).isEqualTo(403);
    }

    /** The aggregate's current state (as replayed) before the commands and after each of them. */
    private static List<JsonNode> statesAfterEachCommand(String aggregateId, List<Runnable> commands) throws Exception {
        List<JsonNode> after = new ArrayList<>();
        after.add(currentState(aggregateId));
        for (Runnable command : commands) {
            command.run();
            after.add(currentState(aggregateId));
        }
        return after;
    }

    /** State as of version N, asked afterwards, equals what the state was when the aggregate had N events. */
    private static void assertStateAtEveryVersion(String aggregateId, List<JsonNode> after) throws Exception {
        for (JsonNode then : after) {
            long n = then.path("version").asLong();
            Reply reply = get("/api/v1/audit/aggregates/" + aggregateId + "/state?version=" + n, auditor);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("state")).as("state after %d events", n).isEqualTo(then.path("state"));
        }
    }

    @Test
    void stateAsOfVersionNEqualsTheSessionAfterItsFirstNEventsForARandomRecording() throws Exception {
        java.util.Random random = new java.util.Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        String token = tokens.of("OPERATOR", "op-" + Nodes.unique());
        var created = api.post("/api/v1/sessions", "{\"name\":\"audit state\"}", token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("session_id");
        String base = "/api/v1/sessions/" + id;
        List<Runnable> commands = new ArrayList<>();
        commands.add(() -> api.post(base + "/start", null, token));
        int chunks = 1 + random.nextInt(4);
        for (int i = 1; i <= chunks; i++) {
            int sequence = i;
            String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("chunk " + seed + " " + i).getBytes(StandardCharsets.UTF_8)));
            commands.add(() -> api.post(base + "/chunks", "{\"sequence_number\":" + sequence
                    + ",\"size_bytes\":1024,\"ciphertext_sha256\":\"" + hash + "\",\"duration_ms\":2000,\"frame_count\":60}", token));
            if (random.nextBoolean()) {
                commands.add(() -> api.post(base + "/pause", null, token));
                commands.add(() -> api.post(base + "/resume", null, token));
            }
        }
        commands.add(() -> api.post(base + "/stop", null, token));
        commands.add(() -> api.post(base + "/process", null, token));
        List<JsonNode> after = statesAfterEachCommand(id, commands);
        assertThat(after).as("seed %d", seed).extracting(state -> state.path("version").asLong())
                .doesNotHaveDuplicates().last().isEqualTo((long) commands.size() + 1);
        assertThat(after.get(after.size() - 1).path("state").path("status").asText()).isEqualTo("PROCESSED");
        assertStateAtEveryVersion(id, after);
    }

    private static JsonNode currentState(String nodeId) throws Exception {
        Reply reply = get("/api/v1/audit/aggregates/" + nodeId + "/state", auditor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void verifyOverTheStoreNamesTheExactAlteredMissingAndReorderedEvent() throws Exception {
        String clean = nodeWithFiveEvents("node_audc_");
        String altered = nodeWithFiveEvents("node_auda_");
        String deleted = nodeWithFiveEvents("node_audd_");
        String swapped = nodeWithFiveEvents("node_audw_");
        List<IndependentChain.Row> alteredRows = store.of(altered);
        List<IndependentChain.Row> deletedRows = store.of(deleted);
        List<IndependentChain.Row> swappedRows = store.of(swapped);

        // Flip the lowest bit of the last payload byte of event 2; delete event 2; swap the sequence numbers 1 and 2.
        store.update("UPDATE domain_event_entry SET payload = set_byte(payload, length(payload) - 1,"
                + " get_byte(payload, length(payload) - 1) # 1) WHERE aggregate_identifier = ? AND sequence_number = 2", altered);
        store.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2", deleted);
        store.update("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 1", swapped);
        store.update("UPDATE domain_event_entry SET sequence_number = 1 WHERE aggregate_identifier = ? AND sequence_number = 2", swapped);
        store.update("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = -1", swapped);

        JsonNode alteration = problemOf("store", altered);
        assertThat(alteration.path("kind").asText()).isEqualTo("altered");
        assertThat(alteration.path("sequence").asLong()).isEqualTo(2);
        assertThat(alteration.path("event_id").asText()).isEqualTo(alteredRows.get(2).eventId());
        assertThat(alteration.path("expected").asText()).isEqualTo("hash " + HexFormat.of().formatHex(alteredRows.get(2).hash()));

        JsonNode deletion = problemOf("store", deleted);
        assertThat(deletion.path("kind").asText()).isEqualTo("missing");
        assertThat(deletion.path("expected").asText()).isEqualTo("sequence 2");
        assertThat(deletion.path("found").asText()).isEqualTo("sequence 3");
        assertThat(deletion.path("event_id").asText()).isEqualTo(deletedRows.get(3).eventId());

        JsonNode swap = problemOf("store", swapped);
        assertThat(swap.path("kind").asText()).isEqualTo("reordered");
        assertThat(swap.path("sequence").asLong()).isEqualTo(1);
        assertThat(swap.path("event_id").asText()).isEqualTo(swappedRows.get(2).eventId());
        assertThat(swap.path("expected").asText()).isEqualTo("sequence 2");

        Reply whole = get("/api/v1/audit/verify?source=store", auditor);
        assertThat(whole.status()).isEqualTo(200);
        List<String> broken = new ArrayList<>();
        whole.json().path("problems").forEach(p -> broken.add(p.path("aggregate_id").asText()));
        assertThat(broken).contains(altered, deleted, swapped).doesNotContain(clean);
        assertThat(get("/api/v1/audit/verify?source=store&aggregate_id=" + clean, auditor).json().path("ok").asBoolean()).isTrue();

        // Undo the alteration and the swap (updates, never relayed); the deleted event stays gone with its scratch node.
        store.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 2",
                alteredRows.get(2).payload(), altered);
        store.update("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 1", swapped);
        store.update("UPDATE domain_event_entry SET sequence_number = 1 WHERE aggregate_identifier = ? AND sequence_number = 2", swapped);
        store.update("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = -1", swapped);
        assertThat(get("/api/v1/audit/verify?source=store&aggregate_id=" + swapped, auditor).json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void verifyOverTheTopicsNamesAForgedCopyOfARecord() throws Exception {
        String nodeId = nodeWithFiveEvents("node_audf_");
        List<Published> published = topic.eventsOf(Topics.NODE_EVENTS, nodeId, 5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/v1/audit/verify?source=topics&aggregate_id=" + nodeId, auditor).json().path("ok").asBoolean()).isTrue());

        // A copy of the last event with its payload and every header but one: the actor is rewritten. The payload is
        // left alone on purpose, so the stream processors downstream see a harmless repeat of a deactivation.
        var original = published.get(4).record();
        RecordHeaders headers = new RecordHeaders();
        original.headers().forEach(header -> headers.add(header.key(), header.key().equals("ce_actor")
                ? "mallory".getBytes(StandardCharsets.UTF_8) : header.value()));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        RecordMetadata forged;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            forged = producer.send(new ProducerRecord<>(original.topic(), original.partition(), original.key(),
                    original.value(), headers)).get();
        }

        JsonNode forgery = problemOf("topics", nodeId);
        assertThat(forgery.path("kind").asText()).isEqualTo("altered");
        assertThat(forgery.path("sequence").asLong()).isEqualTo(4);
        assertThat(forgery.path("event_id").asText()).isEqualTo(published.get(4).header("ce_id"));
        assertThat(forgery.path("location").asText())
                .isEqualTo(forged.topic() + "/" + forged.partition() + "@" + forged.offset());
    }
}
