package io.lucid.devstack.pairing;

import static io.lucid.devstack.pairing.PairingRejectionsIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the real stack (docs/adr/0004-idempotency-keys.md): a replay answers the first
 * response without running the command again, another body under the key is 422, concurrent requests under one
 * key run the command once, and keys are per principal.
 */
class IdempotencyIT {

    private static final String START = "/api/v1/pairings";

    private static TestStack stack;
    private static PairingClient client;
    private static ExecutorService pool;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static long started() throws Exception {
        return client.storedEvents("payload_type LIKE '%PairingStarted'");
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseWithoutRunningTheCommandAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = started();
        HttpResponse<String> first = client.post(START, stack.adminToken(), "{\"expiry_seconds\":120}", "Idempotency-Key", key);
        HttpResponse<String> second = client.post(START, stack.adminToken(), "{\"expiry_seconds\":120}", "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        JsonNode original = PairingClient.json(first.body());
        JsonNode replayed = PairingClient.json(second.body());
        assertThat(replayed.path("pairing_id").asText()).isEqualTo(original.path("pairing_id").asText());
        assertThat(replayed.path("expires_at").asText()).isEqualTo(original.path("expires_at").asText());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("X-Correlation-Id")).isEqualTo(first.headers().firstValue("X-Correlation-Id"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(started()).isEqualTo(before + 1);
    }

    @Test
    void aReplayNeverHandsOutTheTemporaryTokenAndTheStoreNeverHoldsIt() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.post(START, stack.adminToken(), "{}", "Idempotency-Key", key);
        String tempToken = PairingClient.json(first.body()).path("temp_token").asText();
        assertThat(tempToken).isNotBlank();

        HttpResponse<String> replay = client.post(START, stack.adminToken(), "{}", "Idempotency-Key", key);

        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Redacted")).hasValue("temp_token,qr_payload,qr_code");
        assertThat(replay.body()).doesNotContain(tempToken).doesNotContain("temp_token").doesNotContain("qr_code");
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ? AND position(? in convert_from(body, 'UTF8')) > 0")) {
            query.setString(1, key);
            query.setString(2, tempToken);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("records holding the temporary token").isZero();
            }
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(client.post(START, stack.adminToken(), "{\"expiry_seconds\":120}", "Idempotency-Key", key).statusCode())
                .isEqualTo(201);
        long before = started();
        assertProblem(client.post(START, stack.adminToken(), "{\"expiry_seconds\":180}", "Idempotency-Key", key), 422,
                "idempotency_key_reused");
        assertThat(started()).isEqualTo(before);
    }

    @Test
    void keysArePerPrincipal() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = started();
        JsonNode mine = PairingClient.json(client.post(START, stack.adminToken(), "{}", "Idempotency-Key", key).body());
        JsonNode theirs = PairingClient.json(client.post(START, stack.tokenFor("OPERATOR"), "{}", "Idempotency-Key", key).body());
        assertThat(theirs.path("pairing_id").asText()).isNotEqualTo(mine.path("pairing_id").asText());
        assertThat(started()).isEqualTo(before + 2);
    }

    @Test
    void concurrentRequestsWithOneKeyRunTheCommandOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = started();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return client.post(START, stack.adminToken(), "{}", "Idempotency-Key", key);
            }));
        }
        go.countDown();
        List<String> pairingIds = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            HttpResponse<String> response = future.get();
            if (response.statusCode() == 201) {
                pairingIds.add(PairingClient.json(response.body()).path("pairing_id").asText());
            } else {
                assertProblem(response, 409, "idempotency_key_in_flight");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            }
        }
        assertThat(pairingIds).isNotEmpty();
        assertThat(pairingIds.stream().distinct()).as("every success is the same pairing").hasSize(1);
        assertThat(started()).isEqualTo(before + 1);
    }

    @Test
    void aRejectionIsReplayedTooSoAWrongTokenIsRecordedOnce() throws Exception {
        JsonNode pairing = client.start(stack.adminToken());
        String pairingId = pairing.path("pairing_id").asText();
        String key = UUID.randomUUID().toString();
        String wrong = PairingClient.completion("wrong-token", "phone", "ios");
        assertProblem(client.complete(pairingId, wrong, "Idempotency-Key", key), 401, "invalid_pairing_token");
        HttpResponse<String> replay = client.complete(pairingId, wrong, "Idempotency-Key", key);
        assertProblem(replay, 401, "invalid_pairing_token");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(client.storedEventsOf(pairingId)).as("PairingStarted and one PairingAttemptFailed").isEqualTo(2);
    }

    @Test
    void aMalformedKeyIs400() throws Exception {
        assertProblem(client.post(START, stack.adminToken(), "{}", "Idempotency-Key", "x".repeat(256)), 400,
                "invalid_idempotency_key");
    }
}
