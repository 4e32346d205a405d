package io.lucid.devstack.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.DomainTopic;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.api.TestIds;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.Answers;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionProcessed;
import io.lucid.events.session.StopReason;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions end to end on the real embedded stack: the whole lifecycle through REST, seen on
 * {@code lucid.session.events} with its provenance; every status-code class of the session endpoints, each
 * rejection storing nothing; device ownership; and the system stop of an over-long recording.
 */
class SessionIT {

    /** SHA-256 of "chunk-1", "chunk-2", "chunk-3" ({@code printf chunk-1 | sha256sum}). */
    static final List<String> LEAVES = List.of(
            "2725aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c5",
            "b6f3c15844fe12f966ad90db59da8332a9a6d9dfd198ac83949be2045ec6dc1e",
            "dfd3744075c1ae74c2350ff6344acbcc7de7b5559dda9f144cfb4cabd6a1e1dd");
    /** p(p(l1,l2), p(l3,l3)) with p = SHA-256 over the raw concatenated digests (see MerkleTreeTest). */
    static final String ROOT_OF_THREE = "1c5ad57fcefa32ff015e885e53a7030eb0054028a1d6b7d708bd7e18637d6f37";

    private static TestStack stack;
    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;
    private static DomainTopic topic;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
        topic = new DomainTopic(stack);
    }

    static String unique() {
        return TestIds.unique();
    }

    static String chunk(long sequence, String hash) {
        return "{\"sequence_number\":" + sequence + ",\"size_bytes\":1024,\"ciphertext_sha256\":\"" + hash
                + "\",\"duration_ms\":2000,\"frame_count\":60}";
    }

    static String create(String token, String body) {
        Answer created = api.post("/api/v1/sessions", body, token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("session_id");
    }

    private static void expect(Answer answer, int status, String field, String value) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.text(field)).as(answer.toString()).isEqualTo(value);
    }

    private static void expectProblem(Answer answer, int status, String code) {
        Answers.expectProblem(answer, status, code);
    }

    private static long sessionEvents() {
        return db.number("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.lucid.events.session.%'");
    }

    @Test
    void theWholeLifecycleThroughRestArrivesOnTheSessionTopic() throws Exception {
        String operator = "op-" + unique();
        String token = tokens.of("OPERATOR", operator);
        Answer created = api.post("/api/v1/sessions", "{\"name\":\"it lifecycle\",\"node_id\":\"node_it_" + unique()
                + "\",\"recording\":{\"frame_rate\":25},\"metadata\":{\"tags\":[\"it\"],\"priority\":\"high\"}}", token);
        expect(created, 201, "status", "CREATED");
        String id = created.text("session_id");
        String base = "/api/v1/sessions/" + id;

        expect(api.post(base + "/start", null, token), 200, "status", "RECORDING");
        for (int i = 1; i <= 3; i++) {
            Answer chunk = api.post(base + "/chunks", chunk(i, LEAVES.get(i - 1)), token);
            expect(chunk, 201, "sequence_number", Integer.toString(i));
        }
        Answer repeat = api.post(base + "/chunks", chunk(2, LEAVES.get(1)), token);
        expect(repeat, 200, "duplicate", "true");
        expect(api.post(base + "/pause", null, token), 200, "status", "PAUSED");
        expect(api.post(base + "/resume", null, token), 200, "status", "RECORDING");
        expect(api.post(base + "/stop", null, token), 200, "status", "STOPPED");
        Answer processed = api.post(base + "/process", null, token);
        expect(processed, 200, "merkle_root", ROOT_OF_THREE);
        assertThat(processed.json().path("chunk_count").asLong()).isEqualTo(3);
        assertThat(processed.json().path("total_size").asLong()).isEqualTo(3072);
        expect(api.post(base + "/anchor", "{\"chain\":\"tron\",\"anchor_txid\":\"tx-" + id + "\",\"block_height\":42}", token),
                200, "status", "ANCHORED");
        expectProblem(api.post(base + "/anchor", "{\"chain\":\"tron\",\"anchor_txid\":\"again\"}", token), 409, "already_anchored");
        expect(api.delete(base, token), 200, "status", "DELETED");

        List<Published> events = topic.eventsOf(Topics.SESSION_EVENTS, id, 11);
        assertThat(events).extracting(Published::type).containsExactly("SessionCreated", "RecordingStarted", "ChunkRecorded",
                "ChunkRecorded", "ChunkRecorded", "RecordingPaused", "RecordingResumed", "RecordingStopped", "SessionProcessed",
                "SessionAnchored", "SessionDeleted");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.record().key()).isEqualTo(id);
            assertThat(event.header(CloudEventHeaders.ACTOR)).isEqualTo(operator);
            assertThat(event.header(CloudEventHeaders.SUBJECT)).isEqualTo(id);
        });
        assertThat(events.get(0).header(CloudEventHeaders.CORRELATION_ID)).isEqualTo(created.text("correlation_id"));
        SessionCreated session = (SessionCreated) events.get(0).event();
        assertThat(session.getOwner()).isEqualTo(operator);
        assertThat(session.getRecording().getFrameRate()).isEqualTo(25);
        assertThat(session.getRecording().getResolution()).isEqualTo("1920x1080");
        assertThat(session.getStorage().getMaxSizeGb()).isEqualTo(10);

        // The manifest hash, recomputed here from the published facts with the documented canonical form.
        SessionProcessed seal = (SessionProcessed) events.get(8).event();
        String manifest = "{\"chunk_count\":3,\"created_at\":\""
                + DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(session.getCreatedAt())
                + "\",\"merkle_root\":\"" + ROOT_OF_THREE + "\",\"session_id\":\"" + id + "\",\"total_size\":3072}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
        assertThat(seal.getManifestHash()).isEqualTo(expected).isEqualTo(processed.text("manifest_hash"));
    }

    @Test
    void everyStatusCodeClassOfTheSessionEndpointsAndNoRejectionStoresAnything() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String id = create(token, "{\"name\":\"codes\"}");
        String base = "/api/v1/sessions/" + id;
        long before = sessionEvents();

        expectProblem(api.post("/api/v1/sessions", "{\"name\":", token), 400, "malformed_request");
        expectProblem(api.post("/api/v1/sessions", "{\"name\":\"x\"}", null), 401, "unauthorized");
        expectProblem(api.post("/api/v1/sessions", "{\"name\":\"x\"}", stack.tokenFor("AUDITOR")), 403, "forbidden");
        expectProblem(api.post(base + "/start", null, tokens.node("node_it_" + unique())), 403, "forbidden");
        expectProblem(api.post("/api/v1/sessions/" + UUID.randomUUID() + "/start", null, token), 404, "session_not_found");
        expectProblem(api.post("/api/v1/sessions/not-a-session/start", null, token), 404, "session_not_found");
        Answer illegal = api.post(base + "/pause", null, token);
        expectProblem(illegal, 409, "illegal_transition");
        assertThat(illegal.text("detail")).contains("is CREATED");
        Answer invalid = api.post("/api/v1/sessions", "{\"name\":\"\",\"recording\":{\"frame_rate\":0,\"quality\":\"8k\"}}", token);
        expectProblem(invalid, 422, "validation_failed");
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .contains("name", "recording.frame_rate", "recording.quality");
        assertThat(sessionEvents()).isEqualTo(before);

        expect(api.post(base + "/start", null, token), 200, "status", "RECORDING");
        Answer gap = api.post(base + "/chunks", chunk(2, LEAVES.get(1)), token);
        expectProblem(gap, 409, "chunk_sequence_gap");
        assertThat(gap.text("detail")).contains("expected sequence number 1");
        expectProblem(api.post(base + "/chunks", chunk(1, "xyz"), token), 422, "validation_failed");
        expectProblem(api.delete(base, token), 409, "illegal_transition");
        assertThat(db.storedEventsOf(id)).isEqualTo(2);
        expect(api.post(base + "/stop", null, token), 200, "status", "STOPPED");
    }

    @Test
    void aDeviceActsOnlyOnTheSessionsItOwns() {
        String device = UUID.randomUUID().toString();
        String deviceToken = tokens.of("DEVICE", device);
        Answer created = api.post("/api/v1/sessions", "{\"name\":\"mine\"}", deviceToken);
        expect(created, 201, "status", "CREATED");
        String base = "/api/v1/sessions/" + created.text("session_id");

        expectProblem(api.post(base + "/start", null, tokens.of("DEVICE", UUID.randomUUID().toString())), 403, "forbidden");
        expect(api.post(base + "/start", null, deviceToken), 200, "status", "RECORDING");
        expect(api.post(base + "/stop", null, tokens.of("OPERATOR", "op-" + unique())), 200, "status", "STOPPED");
        assertThat(topic.eventsOf(Topics.SESSION_EVENTS, created.text("session_id"), 1).get(0).header(CloudEventHeaders.ACTOR))
                .isEqualTo(device);
    }

    @Test
    void theSystemStopsARecordingAfterTheMaximumDuration() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String id = create(token, "{\"name\":\"forgotten\"}");
        expect(api.post("/api/v1/sessions/" + id + "/start", null, token), 200, "status", "RECORDING");
        expect(api.post("/api/v1/sessions/" + id + "/pause", null, token), 200, "status", "PAUSED");
        // Instead of waiting an hour: the recording's slot says it started two hours ago.
        assertThat(db.update("UPDATE active_recording SET started_at = now() - interval '2 hours' WHERE session_id = ?", id)).isEqualTo(1);

        List<Published> events = topic.eventsOf(Topics.SESSION_EVENTS, id, Duration.ofSeconds(90),
                found -> found.stream().anyMatch(e -> e.event() instanceof RecordingStopped));
        Published stop = events.stream().filter(e -> e.event() instanceof RecordingStopped).findFirst().orElseThrow();
        Published start = events.stream().filter(e -> e.type().equals("RecordingStarted")).findFirst().orElseThrow();
        assertThat(((RecordingStopped) stop.event()).getReason()).isEqualTo(StopReason.max_duration);
        assertThat(stop.header(CloudEventHeaders.ACTOR)).isEqualTo("system");
        assertThat(stop.header(CloudEventHeaders.CAUSATION_ID)).isEqualTo(start.header(CloudEventHeaders.ID));
        assertThat(stop.header(CloudEventHeaders.CORRELATION_ID)).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.number("SELECT count(*) FROM active_recording WHERE session_id = ?", id) == 0);
        expectProblem(api.post("/api/v1/sessions/" + id + "/resume", null, token), 409, "illegal_transition");
    }
}
