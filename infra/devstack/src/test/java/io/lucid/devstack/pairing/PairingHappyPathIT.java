package io.lucid.devstack.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingStarted;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pairing happy path end to end on the real embedded stack: an operator starts a pairing over REST, a device
 * completes it with the temporary token and gets a device token, refreshes it, is revoked; every step is on
 * {@code lucid.pairing.events} with its provenance, and the temporary token is nowhere but in the first answer.
 */
class PairingHappyPathIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private static TestStack stack;
    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
    }

    @Test
    void aDeviceIsPairedThroughRestAndEveryStepReachesThePairingTopic() throws Exception {
        String operator = stack.tokenFor("OPERATOR");
        HttpResponse<String> startResponse = client.post("/api/v1/pairings", operator, "{\"expiry_seconds\":600}",
                "X-Correlation-Id", "pairing-it-1");
        assertThat(startResponse.statusCode()).isEqualTo(201);
        JsonNode started = PairingClient.json(startResponse.body());
        String pairingId = started.path("pairing_id").asText();
        String tempToken = started.path("temp_token").asText();
        assertThat(pairingId).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        assertThat(tempToken).matches("^[A-Za-z0-9_-]{43}$");
        assertThat(Base64.getUrlDecoder().decode(tempToken)).hasSize(32);
        String wsUrl = stack.queryApi().toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + "/ws";
        assertThat(started.path("websocket_url").asText()).isEqualTo(wsUrl);
        assertThat(Duration.between(Instant.now(), Instant.parse(started.path("expires_at").asText())))
                .isBetween(Duration.ofSeconds(590), Duration.ofSeconds(601));
        JsonNode qr = started.path("qr_payload");
        assertThat(qr.path("pairing_id").asText()).isEqualTo(pairingId);
        assertThat(qr.path("temp_token").asText()).isEqualTo(tempToken);
        assertThat(qr.path("websocket_url").asText()).isEqualTo(wsUrl);
        assertThat(qr.path("timestamp").asText()).isNotBlank();
        assertThat(started.path("qr_code").asText()).startsWith("data:image/png;base64,iVBORw0KGgo");
        assertThat(startResponse.headers().firstValue("Location")).hasValue("/api/v1/pairings/" + pairingId);

        HttpResponse<String> completeResponse = client.complete(pairingId,
                PairingClient.completion(tempToken, "Kitchen tablet", "android"));
        assertThat(completeResponse.statusCode()).isEqualTo(201);
        JsonNode paired = PairingClient.json(completeResponse.body());
        String deviceId = paired.path("device_id").asText();
        assertThat(paired.path("name").asText()).isEqualTo("Kitchen tablet");
        assertThat(paired.path("platform").asText()).isEqualTo("android");
        assertThat(paired.path("token_type").asText()).isEqualTo("Bearer");
        JsonNode claims = PairingClient.claims(paired.path("access_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo(deviceId);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"DEVICE\"]");
        assertThat(claims.path("iss").asText()).isEqualTo("lucid");
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(86_390L, 86_400L);

        String deviceToken = paired.path("access_token").asText();
        HttpResponse<String> refreshResponse = client.post("/api/v1/auth/refresh", deviceToken, null);
        assertThat(refreshResponse.statusCode()).isEqualTo(200);
        String refreshed = PairingClient.json(refreshResponse.body()).path("access_token").asText();
        assertThat(PairingClient.claims(refreshed).path("sub").asText()).isEqualTo(deviceId);
        assertThat(PairingClient.claims(refreshed).path("jti").asText()).isNotEqualTo(claims.path("jti").asText());

        assertThat(client.revoke(deviceId, operator).statusCode()).isEqualTo(200);

        List<PairingClient.Published> published = client.published(List.of(pairingId, deviceId),
                found -> found.size() >= 5, PROPAGATION);
        // Order holds per aggregate (per key), not across the two.
        List<PairingClient.Published> pairingEvents = published.stream().filter(p -> p.record().key().equals(pairingId)).toList();
        List<PairingClient.Published> deviceEvents = published.stream().filter(p -> p.record().key().equals(deviceId)).toList();
        assertThat(pairingEvents).extracting(PairingClient.Published::type).containsExactly("PairingStarted", "PairingCompleted");
        assertThat(deviceEvents).extracting(PairingClient.Published::type)
                .containsExactly("DevicePaired", "DeviceTokenRefreshed", "DeviceRevoked");
        PairingStarted pairingStarted = (PairingStarted) pairingEvents.get(0).event();
        assertThat(pairingStarted.getTempTokenSha256()).isEqualTo(sha256Hex(tempToken));
        assertThat(pairingStarted.getExpirySeconds()).isEqualTo(600);
        assertThat(pairingEvents.get(0).header(CloudEventHeaders.CORRELATION_ID)).isEqualTo("pairing-it-1");
        assertThat(pairingEvents.get(0).header(CloudEventHeaders.ACTOR)).isEqualTo("test-operator");
        assertThat(((PairingCompleted) pairingEvents.get(1).event()).getDeviceId()).isEqualTo(deviceId);
        assertThat(pairingEvents.get(1).header(CloudEventHeaders.ACTOR)).isEqualTo("pairing:" + pairingId);
        DevicePaired devicePaired = (DevicePaired) deviceEvents.get(0).event();
        assertThat(devicePaired.getPairingId()).isEqualTo(pairingId);
        assertThat(devicePaired.getTokenId()).isEqualTo(claims.path("jti").asText());
        assertThat(deviceEvents.get(0).header(CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(pairingEvents.get(1).header(CloudEventHeaders.CORRELATION_ID));
        assertThat(((DeviceTokenRefreshed) deviceEvents.get(1).event()).getPreviousTokenId()).isEqualTo(claims.path("jti").asText());
        assertThat(((DeviceRevoked) deviceEvents.get(2).event()).getReason()).isEqualTo("lost");
        assertThat(deviceEvents.get(2).header(CloudEventHeaders.ACTOR)).isEqualTo("test-operator");
        for (PairingClient.Published record : published) {
            assertThat(new String(record.record().value(), StandardCharsets.ISO_8859_1)).as("no record carries the temporary token")
                    .doesNotContain(tempToken);
        }
    }

    @Test
    void startAnswersTheQrCodeAsPngWhenAskedFor() throws Exception {
        HttpResponse<byte[]> response = client.postForBytes("/api/v1/pairings", stack.adminToken(), "{}", "Accept", "image/png");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        assertThat(response.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(response.headers().firstValue("X-Pairing-Id")).isPresent();
        assertThat(response.headers().firstValue("X-Pairing-Expires-At")).isPresent();
    }

    @Test
    void anAdminIssuesOperatorNodeAndAuditorTokensThatTheApisAccept() throws Exception {
        HttpResponse<String> issued = client.post("/api/v1/auth/tokens", stack.adminToken(),
                "{\"role\":\"NODE\",\"subject\":\"agent-7\",\"node_id\":\"node_issued_07\",\"ttl_seconds\":600}");
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode claims = PairingClient.claims(PairingClient.json(issued.body()).path("access_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo("agent-7");
        assertThat(claims.path("node_id").asText()).isEqualTo("node_issued_07");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"NODE\"]");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600L);

        String operator = PairingClient.json(client.post("/api/v1/auth/tokens", stack.adminToken(),
                "{\"role\":\"OPERATOR\",\"subject\":\"ops-1\"}").body()).path("access_token").asText();
        assertThat(client.post("/api/v1/pairings", operator, "{}").statusCode()).isEqualTo(201);
        String auditor = PairingClient.json(client.post("/api/v1/auth/tokens", stack.adminToken(),
                "{\"role\":\"AUDITOR\",\"subject\":\"audit-1\"}").body()).path("access_token").asText();
        assertThat(client.post("/api/v1/pairings", auditor, "{}").statusCode()).isEqualTo(403);
        assertThat(client.get(stack.queryApi(), "/api/v1/nodes/node_issued_07", auditor).statusCode()).isNotEqualTo(401);
        assertThat(client.post("/api/v1/auth/tokens", operator, "{\"role\":\"OPERATOR\",\"subject\":\"x\"}").statusCode())
                .as("only an admin issues tokens").isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentAndItsUiAreServedAnonymouslyWithoutACdn() throws Exception {
        HttpResponse<String> document = client.get(stack.commandApi(), "/openapi", null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("openapi: 3", "/api/v1/pairings/{id}/complete", "/api/v1/devices/{id}/revoke",
                "/api/v1/auth/tokens");
        assertThat(client.get(stack.commandApi(), "/openapi/lucid-command-api.yml", null).body()).isEqualTo(document.body());
        HttpResponse<String> ui = client.get(stack.commandApi(), "/openapi/ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui").doesNotContain("cdn.", "unpkg.com", "jsdelivr");
        assertThat(ui.body()).contains("/openapi/ui/res/swagger-ui-bundle.js", "/openapi/lucid-command-api.yml");
        assertThat(client.get(stack.commandApi(), "/openapi/ui/res/swagger-ui-bundle.js", null).statusCode()).isEqualTo(200);
    }

    private static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
