package io.lucid.devstack.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.Fuzz;
import io.lucid.devstack.api.FuzzRun;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every session endpoint with malformed and boundary bodies and ids (wrong JSON types, missing fields, huge
 * strings, bodies over 1 MB, unknown enum values, negative numbers, wrong ids): never a 5xx, and a refusal never
 * stores an event. What the endpoints do accept is listed and checked to be a legitimately valid command.
 */
class SessionFuzzIT {

    static final String CREATE = "{\"name\":\"fuzz\",\"node_id\":\"node_fuzz_01\",\"rdp_server_id\":\"6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21\","
            + "\"recording\":{\"frame_rate\":30,\"resolution\":\"1920x1080\",\"quality\":\"high\",\"compression\":\"zstd\"},"
            + "\"storage\":{\"retention_days\":30,\"max_size_gb\":10},"
            + "\"metadata\":{\"tags\":[\"a\"],\"description\":\"d\",\"priority\":\"normal\"}}";
    static final String CHUNK = "{\"sequence_number\":5,\"size_bytes\":1024,"
            + "\"ciphertext_sha256\":\"2725aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c5\",\"duration_ms\":1000,\"frame_count\":30}";
    static final String ANCHOR = "{\"chain\":\"tron\",\"anchor_txid\":\"tx\",\"block_height\":1}";
    static final String FAIL = "{\"reason\":\"broken\"}";

    private static TestStack stack;
    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;
    private FuzzRun fuzz;
    private String recording;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
    }

    @BeforeEach
    void newRun() {
        String subject = "fuzzer-" + UUID.randomUUID();
        String[] token = {tokens.of("OPERATOR", subject)};
        fuzz = new FuzzRun(api, i -> i % 500 == 499 ? (token[0] = tokens.of("OPERATOR", subject)) : token[0],
                () -> db.number("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.lucid.events.session.%'"));
        Answer created = api.post("/api/v1/sessions", "{\"name\":\"fuzz target\"}", token[0]);
        recording = created.text("session_id");
        assertThat(api.post("/api/v1/sessions/" + recording + "/start", null, token[0]).status()).isEqualTo(200);
    }

    @Test
    void createSessionWithMalformedAndBoundaryBodies() {
        for (String body : Fuzz.BROKEN_BODIES) {
            fuzz.post("/api/v1/sessions", body);
        }
        Map<String, Fuzz.Kind> kinds = Map.of("recording", Fuzz.Kind.OBJECT, "storage", Fuzz.Kind.OBJECT, "metadata", Fuzz.Kind.OBJECT,
                "frame_rate", Fuzz.Kind.NUMBER, "retention_days", Fuzz.Kind.NUMBER, "max_size_gb", Fuzz.Kind.NUMBER,
                "tags", Fuzz.Kind.ARRAY);
        for (String path : List.of("name", "node_id", "rdp_server_id", "recording", "frame_rate", "resolution", "quality",
                "compression", "storage", "retention_days", "max_size_gb", "metadata", "tags", "description", "priority")) {
            for (Fuzz.Mutation mutation : Fuzz.mutations(CREATE, path)) {
                Answer answer = fuzz.post("/api/v1/sessions", mutation.body());
                if (answer.status() < 300) {
                    assertThat(mutation.mayBeValid(kinds.getOrDefault(path, Fuzz.Kind.STRING)))
                            .as("accepted " + path + " = " + mutation.value()).isTrue();
                }
            }
        }
        fuzz.post("/api/v1/sessions", CREATE.replace("\"fuzz\"", "\"" + "n".repeat(256) + "\""));
        fuzz.post("/api/v1/sessions", CREATE.replace("\"d\"", "\"" + "d".repeat(900_000) + "\""));
        assertThat(fuzz.post("/api/v1/sessions", CREATE.replace("\"d\"", "\"" + "d".repeat(2_000_000) + "\"")).status()).isEqualTo(413);
        assertThat(fuzz.postRaw("/api/v1/sessions", new byte[10 * 1024 * 1024], "application/json").status()).isEqualTo(413);
        fuzz.postRaw("/api/v1/sessions", CREATE.getBytes(StandardCharsets.UTF_8), "text/plain");
        fuzz.postRaw("/api/v1/sessions", CREATE.getBytes(StandardCharsets.UTF_8), null);
        fuzz.postRaw("/api/v1/sessions", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "application/json");
        report();
    }

    @Test
    void recordChunkWithMalformedAndBoundaryBodies() {
        String path = "/api/v1/sessions/" + recording + "/chunks";
        for (String body : Fuzz.BROKEN_BODIES) {
            fuzz.post(path, body);
        }
        for (String field : List.of("sequence_number", "size_bytes", "ciphertext_sha256", "duration_ms", "frame_count")) {
            for (Fuzz.Mutation mutation : Fuzz.mutations(CHUNK, field)) {
                fuzz.post(path, mutation.body());
            }
        }
        fuzz.post(path, CHUNK.replace("1024", Long.toString(16L * 1024 * 1024 + 1)));
        fuzz.post(path, CHUNK.replace("\"frame_count\":30", "\"frame_count\":2147483648"));
        // Sequence number 5 on a session without chunks: even a valid body is refused (409), so nothing is accepted.
        assertThat(fuzz.accepted()).isEmpty();
        report();
    }

    @Test
    void anchorAndFailWithMalformedAndBoundaryBodies() {
        String anchor = "/api/v1/sessions/" + recording + "/anchor";
        // A deleted session validates a FailSession body and then refuses it (409): no valid reason can change it.
        String deleted = api.post("/api/v1/sessions", "{\"name\":\"fuzz deleted\"}", tokens.of("OPERATOR", "fuzzer")).text("session_id");
        assertThat(api.delete("/api/v1/sessions/" + deleted, tokens.of("OPERATOR", "fuzzer")).status()).isEqualTo(200);
        String fail = "/api/v1/sessions/" + deleted + "/fail";
        for (String body : Fuzz.BROKEN_BODIES) {
            fuzz.post(anchor, body);
            fuzz.post(fail, body);
        }
        for (String field : List.of("chain", "anchor_txid", "block_height")) {
            for (Fuzz.Mutation mutation : Fuzz.mutations(ANCHOR, field)) {
                fuzz.post(anchor, mutation.body());
            }
        }
        fuzz.post(anchor, ANCHOR.replace("\"tx\"", "\"" + "t".repeat(129) + "\""));
        for (Fuzz.Mutation mutation : Fuzz.mutations(FAIL, "reason")) {
            fuzz.post(fail, mutation.body());
        }
        fuzz.post(fail, "{\"reason\":\"" + "r".repeat(501) + "\"}");
        assertThat(fuzz.accepted()).isEmpty();
        report();
    }

    @Test
    void everyEndpointWithWrongIds() {
        String rdpLikeId = UUID.randomUUID().toString();
        for (String id : List.of("x", "-1", "0", "null", "%00", "%2e%2e", "..%2F..%2Fetc", "6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e2",
                "6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e211", "6F1C1C5E8A0E4B559A430D3C2F4B7E21", "%E2%82%AC", "a".repeat(3000), rdpLikeId)) {
            for (String action : List.of("start", "pause", "resume", "stop", "process")) {
                fuzz.post("/api/v1/sessions/" + id + "/" + action, null);
            }
            fuzz.post("/api/v1/sessions/" + id + "/chunks", CHUNK);
            fuzz.post("/api/v1/sessions/" + id + "/anchor", ANCHOR);
            fuzz.post("/api/v1/sessions/" + id + "/fail", FAIL);
            fuzz.delete("/api/v1/sessions/" + id);
        }
        assertThat(fuzz.accepted()).isEmpty();
    }

    /** Lists what was accepted (for the record) and checks that the run was a real one. */
    private void report() {
        fuzz.accepted().forEach(line -> System.out.println("accepted: " + line));
        assertThat(fuzz.sent()).isGreaterThan(50);
    }
}
