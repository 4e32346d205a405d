package io.lucid.devstack.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every status class of the pairing endpoints on the real stack, and what each rejection leaves behind: nothing,
 * except a wrong temporary token (401) which records {@code PairingAttemptFailed}, the fifth one locking the
 * pairing for good.
 */
class PairingRejectionsIT {

    private static TestStack stack;
    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
    }

    @Test
    void startingNeedsAnOperatorOrAdminToken() throws Exception {
        long before = client.storedEventsButExpiries();
        assertProblem(client.post("/api/v1/pairings", null, "{}"), 401, "unauthorized");
        assertProblem(client.post("/api/v1/pairings", "not.a.token", "{}"), 401, "unauthorized");
        for (String role : List.of("AUDITOR", "NODE", "DEVICE")) {
            assertProblem(client.post("/api/v1/pairings", stack.tokenFor(role), "{}"), 403, "forbidden");
        }
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    @Test
    void anExpiryOutsideOneToFifteenMinutesIs422() throws Exception {
        long before = client.storedEventsButExpiries();
        JsonNode problem = assertProblem(client.post("/api/v1/pairings", stack.adminToken(), "{\"expiry_seconds\":901}"),
                422, "validation_failed");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("expiry_seconds");
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    @Test
    void aWrongTokenIs401AndRecordedTheFifthLocksThePairingFor409() throws Exception {
        JsonNode started = client.start(stack.adminToken());
        String pairingId = started.path("pairing_id").asText();
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> response = client.complete(pairingId, PairingClient.completion("wrong-" + attempt, "phone", "ios"));
            JsonNode problem = assertProblem(response, 401, "invalid_pairing_token");
            assertThat(problem.path("detail").asText()).contains(attempt == 5 ? "locked" : (5 - attempt) + " attempts left");
            assertThat(client.storedEvents("aggregate_identifier = ? AND payload_type LIKE '%PairingAttemptFailed'", pairingId))
                    .isEqualTo(attempt);
        }
        assertThat(client.storedEvents("aggregate_identifier = ? AND payload_type LIKE '%PairingLocked'", pairingId)).isEqualTo(1);
        long before = client.storedEventsOf(pairingId);
        assertProblem(client.complete(pairingId,
                PairingClient.completion(started.path("temp_token").asText(), "phone", "ios")), 409, "pairing_locked");
        assertProblem(client.complete(pairingId, PairingClient.completion("wrong-6", "phone", "ios")), 409, "pairing_locked");
        assertThat(client.storedEventsOf(pairingId)).isEqualTo(before);
    }

    @Test
    void aUsedPairingIs409AndRecordsNothing() throws Exception {
        JsonNode started = client.start(stack.adminToken());
        String pairingId = started.path("pairing_id").asText();
        String body = PairingClient.completion(started.path("temp_token").asText(), "phone", "web");
        assertThat(client.complete(pairingId, body).statusCode()).isEqualTo(201);
        long before = client.storedEventsButExpiries();
        assertProblem(client.complete(pairingId, body), 409, "pairing_already_completed");
        assertProblem(client.complete(pairingId, PairingClient.completion("wrong", "phone", "web")), 409, "pairing_already_completed");
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    @Test
    void unknownPairingsAndDevicesAre404() throws Exception {
        long before = client.storedEventsButExpiries();
        String body = PairingClient.completion("whatever", "phone", "ios");
        assertProblem(client.complete(UUID.randomUUID().toString(), body), 404, "not_found");
        assertProblem(client.complete("not-a-uuid", body), 404, "not_found");
        assertProblem(client.revoke(UUID.randomUUID().toString(), stack.adminToken()), 404, "not_found");
        JsonNode device = client.pairDevice(stack.adminToken(), "four-oh-four");
        before = client.storedEventsButExpiries();
        // A device's id names a stream of another aggregate type: no pairing is known under it.
        assertProblem(client.complete(device.path("device_id").asText(), body), 404, "not_found");
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    @Test
    void malformedOrInvalidCompletionsAre400Or422AndRecordNothing() throws Exception {
        JsonNode started = client.start(stack.adminToken());
        String pairingId = started.path("pairing_id").asText();
        String token = started.path("temp_token").asText();
        long before = client.storedEventsOf(pairingId);
        assertProblem(client.complete(pairingId, "{\"temp_token\":"), 400, "malformed_request");
        assertProblem(client.complete(pairingId, "[1,2]"), 400, "malformed_request");
        JsonNode invalid = assertProblem(client.complete(pairingId, "{\"temp_token\":\"" + token
                + "\",\"device_info\":{\"name\":\"bad/name\",\"platform\":\"windows\"}}"), 422, "validation_failed");
        List<String> fields = new ArrayList<>();
        invalid.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("device_info.name", "device_info.platform");
        assertProblem(client.complete(pairingId, "{}"), 422, "validation_failed");
        assertProblem(client.complete(pairingId, "{\"pairing_id\":\"" + UUID.randomUUID() + "\",\"temp_token\":\"" + token
                + "\",\"device_info\":{\"name\":\"n\",\"platform\":\"ios\"}}"), 422, "validation_failed");
        assertThat(client.storedEventsOf(pairingId)).isEqualTo(before);
        assertThat(client.complete(pairingId, PairingClient.completion(token, "n", "ios")).statusCode())
                .as("the rejections changed nothing: the right token still pairs").isEqualTo(201);
    }

    @Test
    void aBodyOverOneMegabyteIs413() throws Exception {
        JsonNode started = client.start(stack.adminToken());
        String pairingId = started.path("pairing_id").asText();
        String huge = "{\"temp_token\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(client.complete(pairingId, huge), 413, "payload_too_large");
        assertProblem(client.post("/api/v1/pairings", stack.adminToken(), huge), 413, "payload_too_large");
        assertThat(client.storedEventsOf(pairingId)).isEqualTo(1);
    }

    @Test
    void onlyTheDeviceItselfOrAnOperatorRevokesADevice() throws Exception {
        JsonNode device = client.pairDevice(stack.adminToken(), "revocable");
        String deviceId = device.path("device_id").asText();
        JsonNode other = client.pairDevice(stack.adminToken(), "other");
        long before = client.storedEventsButExpiries();
        assertProblem(client.revoke(deviceId, other.path("access_token").asText()), 403, "forbidden");
        assertProblem(client.revoke(deviceId, stack.tokenFor("AUDITOR")), 403, "forbidden");
        assertProblem(client.revoke(deviceId, stack.tokenFor("NODE")), 403, "forbidden");
        assertProblem(client.revoke(deviceId, null), 401, "unauthorized");
        assertProblem(client.post("/api/v1/auth/refresh", stack.tokenFor("OPERATOR"), null), 403, "forbidden");
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
        assertThat(client.revoke(deviceId, device.path("access_token").asText()).statusCode()).as("a device revokes itself")
                .isEqualTo(200);
        assertProblem(client.revoke(deviceId, stack.adminToken()), 409, "device_already_revoked");
    }

    @Test
    void anExpiredPairingIs410AndTheSweepRecordsItsExpiry() throws Exception {
        JsonNode started = client.start(stack.adminToken(), "{\"expiry_seconds\":60}");
        String pairingId = started.path("pairing_id").asText();
        Thread.sleep(Duration.ofSeconds(61).toMillis());
        long before = client.storedEvents("aggregate_identifier = ? AND payload_type NOT LIKE '%PairingExpired'", pairingId);
        assertProblem(client.complete(pairingId, PairingClient.completion(started.path("temp_token").asText(), "late", "ios")),
                410, "pairing_expired");
        assertProblem(client.complete(pairingId, PairingClient.completion("wrong", "late", "ios")), 410, "pairing_expired");
        assertThat(client.storedEvents("aggregate_identifier = ? AND payload_type NOT LIKE '%PairingExpired'", pairingId))
                .as("an expired pairing records no attempt").isEqualTo(before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                client.storedEvents("aggregate_identifier = ? AND payload_type LIKE '%PairingExpired'", pairingId)).isEqualTo(1));
        List<PairingClient.Published> published = client.published(List.of(pairingId),
                found -> found.stream().anyMatch(p -> p.type().equals("PairingExpired")), Duration.ofSeconds(30));
        assertThat(published).extracting(PairingClient.Published::type).containsExactly("PairingStarted", "PairingExpired");
        assertThat(published.get(1).header("ce_actor")).isEqualTo("system:pairing-expiry");
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = PairingClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }
}
