package io.lucid.devstack.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Concurrently;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recording limits under concurrency on the real stack (DOMAIN.md section 2): at most 100 sessions RECORDING or
 * PAUSED system-wide and 10 per node, however many starts race. The stack is shared, so each test measures how
 * many slots are taken before it fires, and stops what it started afterwards.
 */
class SessionLimitsIT {

    private static final int SYSTEM_LIMIT = 100;
    private static final int NODE_LIMIT = 10;

    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;

    private final List<String> started = new ArrayList<>();
    private String token;

    @BeforeAll
    static void startStack() {
        TestStack stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
    }

    @AfterEach
    void stopWhatWasStarted() {
        for (String id : started) {
            assertThat(api.post("/api/v1/sessions/" + id + "/stop", null, freshToken()).status()).isEqualTo(200);
        }
    }

    /** A new token every few hundred requests keeps these tests clear of the per-token rate limit. */
    private String freshToken() {
        return tokens.of("OPERATOR", "limits-" + UUID.randomUUID());
    }

    private List<String> createSessions(int count, String nodeId) {
        List<String> ids = new ArrayList<>();
        token = freshToken();
        for (int i = 0; i < count; i++) {
            String body = nodeId == null ? "{\"name\":\"limit " + i + "\"}" : "{\"name\":\"limit " + i + "\",\"node_id\":\"" + nodeId + "\"}";
            Answer created = api.post("/api/v1/sessions", body, token);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.text("session_id"));
        }
        return ids;
    }

    /** Starts every session at once; remembers the ones that started; returns the answers' status and code counts. */
    private Map<String, Long> startAllAtOnce(List<String> ids) {
        List<String> tokensPerRequest = ids.stream().map(id -> freshToken()).toList();
        List<Answer> answers = Concurrently.run(ids.size(),
                i -> api.post("/api/v1/sessions/" + ids.get(i) + "/start", null, tokensPerRequest.get(i)));
        for (int i = 0; i < ids.size(); i++) {
            if (answers.get(i).status() == 200) {
                started.add(ids.get(i));
            }
        }
        return answers.stream().collect(Collectors.groupingBy(a -> a.status() + " " + a.code(), Collectors.counting()));
    }

    private long activeRecordings() {
        return db.number("SELECT count(*) FROM active_recording");
    }

    @Test
    void atMostOneHundredSessionsRecordSystemWideHoweverManyStartsRace() {
        long free = SYSTEM_LIMIT - activeRecordings();
        assumeThat(free).as("free recording slots on the shared stack").isPositive();
        int attempts = (int) Math.max(free + 20, 60);
        List<String> ids = createSessions(attempts, null);

        Map<String, Long> outcome = startAllAtOnce(ids);

        assertThat(outcome).containsOnlyKeys("200 null", "422 recording_limit_reached");
        assertThat(outcome.get("200 null")).isEqualTo(free);
        assertThat(outcome.get("422 recording_limit_reached")).isEqualTo(attempts - free);
        assertThat(activeRecordings()).isEqualTo(SYSTEM_LIMIT);
        assertThat(db.number("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.lucid.events.session.RecordingStarted' "
                + "AND aggregate_identifier = ANY(?)", (Object) ids.toArray(String[]::new))).isEqualTo(free);
    }

    @Test
    void atMostTenSessionsRecordPerNodeHoweverManyStartsRace() {
        assumeThat(SYSTEM_LIMIT - activeRecordings()).as("free recording slots on the shared stack").isGreaterThanOrEqualTo(NODE_LIMIT);
        String node = "node_limit_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = createSessions(60, node);

        Map<String, Long> outcome = startAllAtOnce(ids);

        assertThat(outcome).containsOnlyKeys("200 null", "422 node_recording_limit_reached");
        assertThat(outcome.get("200 null")).isEqualTo(NODE_LIMIT);
        assertThat(db.number("SELECT count(*) FROM active_recording WHERE node_id = ?", node)).isEqualTo(NODE_LIMIT);
    }

    @Test
    void aStoppedRecordingFreesItsSlotForTheNextStart() {
        String node = "node_slot_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = createSessions(NODE_LIMIT + 1, node);
        token = freshToken();
        for (String id : ids.subList(0, NODE_LIMIT)) {
            assertThat(api.post("/api/v1/sessions/" + id + "/start", null, token).status()).isEqualTo(200);
            started.add(id);
        }
        String last = ids.get(NODE_LIMIT);
        assertThat(api.post("/api/v1/sessions/" + last + "/start", null, token).code()).isEqualTo("node_recording_limit_reached");
        assertThat(api.post("/api/v1/sessions/" + ids.get(0) + "/stop", null, token).status()).isEqualTo(200);
        started.remove(ids.get(0));
        assertThat(api.post("/api/v1/sessions/" + last + "/start", null, token).status()).isEqualTo(200);
        started.add(last);
    }
}
