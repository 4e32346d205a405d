package io.lucid.devstack.pairing;

import static io.lucid.devstack.api.QueryClient.expectBadParameter;
import static io.lucid.devstack.api.QueryClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.api.QueryStackClients;
import io.lucid.devstack.api.QueryClient.Read;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pairing and device read side on the real embedded stack: {@code GET /api/v1/pairings/{id}} shows a pairing's
 * state, failed attempts and expiry and never its temporary token nor the token's hash; {@code /devices} shows the
 * paired devices and their revocation, filtered by platform and revoked; a DEVICE token reads its own device only,
 * NODE and DEVICE tokens no pairing; bad parameters are 400s naming the parameter.
 */
class PairingQueryIT extends QueryStackClients {

    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        client = new PairingClient(stack);
    }


    /**
     * A completion attempt. Completions are rate limited per client address over the whole test JVM, so a 429 is
     * retried once the limit allows it again; any other answer is returned.
     */
    private static HttpResponse<String> complete(String pairingId, String tempToken, String name, String platform) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).pollDelay(Duration.ZERO)
                .until(() -> client.complete(pairingId, PairingClient.completion(tempToken, name, platform)),
                        response -> response.statusCode() != 429);
    }

    /** Pairs a new device; returns the completion answer (device_id, access_token, ...). */
    private static JsonNode pair(String name, String platform) throws Exception {
        JsonNode started = client.start(stack.tokenFor("OPERATOR"));
        HttpResponse<String> completed = complete(started.path("pairing_id").asText(),
                started.path("temp_token").asText(), name, platform);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        return PairingClient.json(completed.body());
    }

    /** Every form in which the temporary token or its SHA-256 could leak into a body. */
    private static List<String> secretForms(String tempToken) throws Exception {
        List<String> forms = new ArrayList<>(List.of(tempToken));
        byte[] raw = Base64.getUrlDecoder().decode(tempToken);
        forms.add(Base64.getEncoder().encodeToString(raw));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(raw));
        for (byte[] hashed : List.of(sha256(tempToken.getBytes(StandardCharsets.UTF_8)), sha256(raw))) {
            forms.add(HexFormat.of().formatHex(hashed));
            forms.add(HexFormat.of().withUpperCase().formatHex(hashed));
            forms.add(Base64.getEncoder().encodeToString(hashed));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(hashed));
            forms.add(Base64.getUrlEncoder().encodeToString(hashed));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(hashed));
        }
        return forms;
    }

    private static void assertNoSecret(String body, List<String> forms) {
        for (String form : forms) {
            assertThat(body).as("no temporary token or hash of it in the body").doesNotContain(form);
        }
    }

    private static byte[] sha256(byte[] value) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(value);
    }

    @Test
    void aPairingShowsItsStateAttemptsAndExpiryButNeverItsToken() throws Exception {
        HttpResponse<String> startResponse = client.post("/api/v1/pairings", stack.adminToken(), "{\"expiry_seconds\":600}");
        assertThat(startResponse.statusCode()).isEqualTo(201);
        JsonNode started = PairingClient.json(startResponse.body());
        String pairingId = started.path("pairing_id").asText();
        String tempToken = started.path("temp_token").asText();
        List<String> secrets = secretForms(tempToken);
        String path = "/api/v1/pairings/" + pairingId;
        String reader = tokens.of("OPERATOR", "op-" + unique());

        JsonNode open = query.awaitField(path, reader, "state", "STARTED");
        assertThat(open.path("pairing_id").asText()).isEqualTo(pairingId);
        assertThat(open.path("failed_attempts").asInt()).isZero();
        assertThat(open.path("remaining_attempts").isNull()).isTrue();
        assertThat(Instant.parse(open.path("expires_at").asText())).isEqualTo(Instant.parse(started.path("expires_at").asText()));
        assertThat(open.path("expiry_seconds").asInt()).isEqualTo(600);
        assertThat(open.path("websocket_url").asText()).isEqualTo(started.path("websocket_url").asText());
        assertThat(open.path("started_by").asText()).isEqualTo("admin");
        assertThat(open.path("device_id").isNull()).isTrue();
        assertNoSecret(open.toString(), secrets);

        assertThat(complete(pairingId, "wrong-" + unique(), "phone", "ios").statusCode()).isEqualTo(401);
        JsonNode failedOnce = query.awaitBody(path, reader, body -> body.path("failed_attempts").asInt() == 1);
        assertThat(failedOnce.path("state").asText()).isEqualTo("STARTED");
        assertThat(failedOnce.path("remaining_attempts").asInt()).isEqualTo(4);
        assertThat(failedOnce.path("last_failed_at").isTextual()).isTrue();

        HttpResponse<String> completed = complete(pairingId, tempToken, "Reading room", "web");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        String deviceId = PairingClient.json(completed.body()).path("device_id").asText();
        JsonNode done = query.awaitField(path, reader, "state", "COMPLETED");
        assertThat(done.path("device_id").asText()).isEqualTo(deviceId);
        assertThat(done.path("failed_attempts").asInt()).isEqualTo(1);
        assertThat(done.path("ended_at").isTextual()).isTrue();
        assertNoSecret(done.toString(), secrets);

        JsonNode device = query.awaitField("/api/v1/devices/" + deviceId, reader, "device_id", deviceId);
        assertThat(device.path("pairing_id").asText()).isEqualTo(pairingId);
        assertNoSecret(device.toString(), secrets);
        assertNoSecret(query.get("/api/v1/pairings?limit=100", reader).body(), secrets);
        assertNoSecret(query.get("/api/v1/pairings?state=COMPLETED&limit=100", reader).body(), secrets);
        assertNoSecret(query.get("/api/v1/devices?limit=100", reader).body(), secrets);
        assertThat(query.all("/api/v1/pairings?state=COMPLETED", reader, 100, "pairing_id"))
                .extracting(p -> p.path("pairing_id").asText()).contains(pairingId);
    }

    @Test
    void fiveWrongTokensLockThePairingForGood() throws Exception {
        JsonNode started = client.start(stack.tokenFor("OPERATOR"));
        String pairingId = started.path("pairing_id").asText();
        String tempToken = started.path("temp_token").asText();
        for (int attempt = 1; attempt <= 5; attempt++) {
            int status = complete(pairingId, "wrong-" + attempt + "-" + unique(), "phone", "android").statusCode();
            assertThat(status).as("attempt %d", attempt).isIn(401, 409);
        }
        String path = "/api/v1/pairings/" + pairingId;
        String reader = tokens.of("AUDITOR", "audit-" + unique());
        JsonNode locked = query.awaitField(path, reader, "state", "LOCKED");
        assertThat(locked.path("failed_attempts").asInt()).isEqualTo(5);
        assertThat(locked.path("remaining_attempts").asInt()).isZero();
        assertThat(locked.path("ended_at").isTextual()).isTrue();
        assertThat(locked.path("device_id").isNull()).isTrue();
        assertNoSecret(locked.toString(), secretForms(tempToken));

        assertThat(complete(pairingId, tempToken, "phone", "android").statusCode()).as("locked for good").isEqualTo(409);
        assertThat(query.all("/api/v1/pairings?state=LOCKED", reader, 100, "pairing_id"))
                .extracting(p -> p.path("pairing_id").asText()).contains(pairingId);
        assertThat(query.all("/api/v1/pairings?state=LOCKED", reader, 100, "pairing_id"))
                .allSatisfy(p -> assertThat(p.path("state").asText()).isEqualTo("LOCKED"));
        assertThat(query.get(path, reader).json().path("state").asText()).isEqualTo("LOCKED");
    }

    @Test
    void aDeviceShowsItsPlatformAndItsRevocationAndListsFilterOnBoth() throws Exception {
        String name = "desk " + unique();
        JsonNode paired = pair(name, "desktop");
        String deviceId = paired.path("device_id").asText();
        String path = "/api/v1/devices/" + deviceId;
        String reader = stack.tokenFor("OPERATOR");

        JsonNode device = query.awaitField(path, reader, "device_id", deviceId);
        assertThat(device.path("name").asText()).isEqualTo(name);
        assertThat(device.path("platform").asText()).isEqualTo("desktop");
        assertThat(device.path("revoked").asBoolean()).isFalse();
        assertThat(device.path("revoked_at").isNull()).isTrue();
        assertThat(device.path("paired_at").isTextual()).isTrue();
        assertThat(Instant.parse(device.path("token_expires_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(device.toString()).as("no token and no token id").doesNotContain(paired.path("access_token").asText())
                .doesNotContain(PairingClient.claims(paired.path("access_token").asText()).path("jti").asText());

        assertThat(ids(query.all("/api/v1/devices?platform=desktop", reader, 100, "device_id"))).contains(deviceId);
        assertThat(ids(query.all("/api/v1/devices?platform=desktop&revoked=false", reader, 100, "device_id"))).contains(deviceId);
        assertThat(ids(query.all("/api/v1/devices?platform=ios", reader, 100, "device_id"))).doesNotContain(deviceId);
        assertThat(ids(query.all("/api/v1/devices?revoked=true", reader, 100, "device_id"))).doesNotContain(deviceId);
        assertThat(query.all("/api/v1/devices?platform=desktop", reader, 100, "device_id"))
                .allSatisfy(d -> assertThat(d.path("platform").asText()).isEqualTo("desktop"));

        long revokedAt = System.nanoTime();
        assertThat(client.revoke(deviceId, reader).statusCode()).isEqualTo(200);
        JsonNode revoked = query.awaitBody(path, reader, body -> body.path("revoked").asBoolean());
        assertThat(revoked.path("revoked_at").isTextual()).isTrue();
        assertThat(revoked.path("revoke_reason").asText()).isEqualTo("lost");
        assertThat(ids(query.all("/api/v1/devices?revoked=true", reader, 100, "device_id"))).contains(deviceId);
        assertThat(ids(query.all("/api/v1/devices?platform=desktop&revoked=false", reader, 100, "device_id")))
                .doesNotContain(deviceId);
        assertThat(query.all("/api/v1/devices?revoked=true", reader, 100, "device_id"))
                .allSatisfy(d -> assertThat(d.path("revoked").asBoolean()).isTrue());
        // query-api learns of the revocation from its own poll, which the read model may overtake
        RevocationDeadline.awaitUnauthorized(() -> query.get(path, paired.path("access_token").asText()).status(),
                revokedAt, "a revoked device's token reading its device");
    }

    @Test
    void aDeviceReadsOnlyItselfAndNeitherNodesNorDevicesReadPairings() throws Exception {
        JsonNode me = pair("me " + unique(), "ios");
        JsonNode other = pair("other " + unique(), "android");
        String myId = me.path("device_id").asText();
        String otherId = other.path("device_id").asText();
        String myToken = me.path("access_token").asText();
        String pairingId = me.path("pairing_id").asText(null);
        String reader = stack.adminToken();
        query.awaitField("/api/v1/devices/" + myId, reader, "device_id", myId);
        query.awaitField("/api/v1/devices/" + otherId, reader, "device_id", otherId);
        if (pairingId == null) {
            pairingId = query.get("/api/v1/devices/" + myId, reader).json().path("pairing_id").asText();
        }
        query.awaitField("/api/v1/pairings/" + pairingId, reader, "state", "COMPLETED");

        for (String anyReader : List.of(stack.adminToken(), tokens.of("OPERATOR", "op-" + unique()),
                tokens.of("AUDITOR", "audit-" + unique()))) {
            assertThat(query.get("/api/v1/devices/" + myId, anyReader).status()).isEqualTo(200);
            assertThat(query.get("/api/v1/devices/" + otherId, anyReader).status()).isEqualTo(200);
            assertThat(query.get("/api/v1/pairings/" + pairingId, anyReader).status()).isEqualTo(200);
            assertThat(query.get("/api/v1/pairings", anyReader).status()).isEqualTo(200);
            assertThat(query.get("/api/v1/devices", anyReader).items()).isNotEmpty();
        }

        Read own = query.get("/api/v1/devices/" + myId, myToken);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("device_id").asText()).isEqualTo(myId);
        expectProblem(query.get("/api/v1/devices/" + otherId, myToken), 404, "device_not_found");
        expectProblem(query.get("/api/v1/devices/" + UUID.randomUUID(), myToken), 404, "device_not_found");
        assertThat(ids(query.all("/api/v1/devices", myToken, 100, "device_id"))).containsExactly(myId);
        assertThat(query.get("/api/v1/devices?platform=android", myToken).items()).isEmpty();
        assertThat(ids(query.all("/api/v1/devices?platform=ios&revoked=false", myToken, 100, "device_id"))).containsExactly(myId);
        expectProblem(query.get("/api/v1/pairings/" + pairingId, myToken), 403, "forbidden");
        expectProblem(query.get("/api/v1/pairings", myToken), 403, "forbidden");

        String node = tokens.node("node_pq_" + unique());
        expectProblem(query.get("/api/v1/devices", node), 403, "forbidden");
        expectProblem(query.get("/api/v1/devices/" + myId, node), 403, "forbidden");
        expectProblem(query.get("/api/v1/pairings", node), 403, "forbidden");
        expectProblem(query.get("/api/v1/pairings/" + pairingId, node), 403, "forbidden");

        for (String path : List.of("/api/v1/devices", "/api/v1/devices/" + myId, "/api/v1/pairings",
                "/api/v1/pairings/" + pairingId)) {
            expectProblem(query.get(path, null), 401, "unauthorized");
        }
    }

    @Test
    void badParametersAreRejectedNamingTheParameterAndUnknownIdsAreNotFound() {
        String token = stack.adminToken();
        expectBadParameter(query.get("/api/v1/devices?platform=windows", token), "platform");
        expectBadParameter(query.get("/api/v1/devices?platform=IOS", token), "platform");
        expectBadParameter(query.get("/api/v1/devices?revoked=maybe", token), "revoked");
        expectBadParameter(query.get("/api/v1/devices?revoked=1", token), "revoked");
        expectBadParameter(query.get("/api/v1/devices?name=phone", token), "name");
        expectBadParameter(query.get("/api/v1/devices?limit=0", token), "limit");
        expectBadParameter(query.get("/api/v1/devices?limit=101", token), "limit");
        expectBadParameter(query.get("/api/v1/devices?cursor=garbage", token), "cursor");
        expectBadParameter(query.get("/api/v1/pairings?state=OPEN", token), "state");
        expectBadParameter(query.get("/api/v1/pairings?state=started", token), "state");
        expectBadParameter(query.get("/api/v1/pairings?platform=ios", token), "platform");
        expectBadParameter(query.get("/api/v1/pairings?limit=abc", token), "limit");
        expectBadParameter(query.get("/api/v1/pairings?cursor=" + "Z".repeat(2049), token), "cursor");

        Read devices = query.get("/api/v1/devices?limit=1", token);
        if (devices.nextCursor() != null) {
            expectBadParameter(query.get("/api/v1/pairings?cursor=" + QueryClient.encode(devices.nextCursor()), token), "cursor");
            assertThat(query.get("/api/v1/devices?limit=1&cursor=" + QueryClient.encode(devices.nextCursor()), token).status())
                    .isEqualTo(200);
        }

        expectProblem(query.get("/api/v1/pairings/" + UUID.randomUUID(), token), 404, "pairing_not_found");
        expectProblem(query.get("/api/v1/devices/" + UUID.randomUUID(), token), 404, "device_not_found");
        expectProblem(query.get("/api/v1/devices/not-a-device", token), 404, "device_not_found");
        expectBadParameter(query.get("/api/v1/pairings/" + "p".repeat(300), token), "id");
        for (String path : List.of("/api/v1/pairings/%00", "/api/v1/devices?revoked=%00", "/api/v1/devices/%C0%AF",
                "/api/v1/pairings?state=", "/api/v1/devices/a/b")) {
            Read read = query.get(path, token);
            assertThat(read.status()).as(path + " -> " + read).isBetween(400, 499);
        }
    }

    private static List<String> ids(List<JsonNode> devices) {
        return devices.stream().map(d -> d.path("device_id").asText()).toList();
    }
}
