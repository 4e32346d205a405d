package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.AdminTokens;
import io.lucid.devstack.api.LiveSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every frame type of the live protocol on the real stack: auth, pair (through command-api), subscribe, update,
 * unsubscribe, ping, the error frames and the closes at a bad token and at the token's expiry.
 */
class LiveProtocolIT extends LiveTest {

    @Test
    void subscribeUpdateUnsubscribeAndPing() throws Exception {
        String nodeId = "node_" + unique();
        LiveSocket socket = client.authenticated(stack.adminToken());
        socket.send("{\"type\":\"subscribe\",\"channel\":\"node:" + nodeId + "\"}");
        JsonNode snapshot = socket.next(10);
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.path("data").isNull()).isTrue();
        assertThat(snapshot.has("reset")).isFalse();

        client.register(nodeId);
        JsonNode update = socket.nextOfType("update", 30);
        assertThat(update.path("channel").asText()).isEqualTo("node:" + nodeId);
        assertThat(update.path("version").asLong()).isGreaterThan(snapshot.path("version").asLong());
        assertThat(update.path("data").path("node_id").asText()).isEqualTo(nodeId);

        socket.send("{\"type\":\"unsubscribe\",\"channel\":\"node:" + nodeId + "\"}");
        socket.send("{\"type\":\"ping\"}");
        JsonNode pong = socket.nextOfType("pong", 10);
        assertThat(pong).isNotNull();
        socket.close();
    }

    @Test
    void malformedFramesAreBadFramesAndTheConnectionStays() throws Exception {
        LiveSocket socket = client.authenticated(stack.adminToken());

        socket.send("{\"type\":\"ping\"} {\"type\":\"ping\"}");
        socket.send("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"channel\":\"pools\"}");
        socket.send("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"since\":\"x\"}");
        socket.send("{\"type\":\"teleport\"}");
        socket.send("{\"type\":\"subscribe\",\"channel\":\"no-such-channel\"}");
        socket.send("{\"type\":\"auth\",\"token\":\"" + stack.adminToken() + "\"}");

        assertThat(List.of(socket.next(10), socket.next(10), socket.next(10), socket.next(10), socket.next(10),
                socket.next(10))).extracting(frame -> frame.path("code").asText())
                .containsExactly("bad_frame", "bad_frame", "bad_frame", "unknown_type", "unknown_channel",
                        "already_authenticated");
        socket.send("{\"type\":\"ping\"}");
        assertThat(socket.next(10).path("type").asText()).isEqualTo("pong");
        socket.close();
    }

    @Test
    void subscribingBeforeAuthIsAnErrorAndABadTokenCloses4401() throws Exception {
        LiveSocket socket = client.connect();
        socket.send("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        assertThat(socket.next(10).path("code").asText()).isEqualTo("unauthenticated");

        socket.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
        assertThat(socket.next(10).path("code").asText()).isEqualTo("unauthorized");
        assertThat(socket.closeCode(10)).isEqualTo(4401);
    }

    @Test
    void aPairFrameCompletesThePairingAndTheSocketIsTheDevices() throws Exception {
        HttpResponse<String> started = client.post("/api/v1/pairings", stack.adminToken(), "{}");
        assertThat(started.statusCode()).isEqualTo(201);
        JsonNode pairing = LiveClient.json(started.body());
        String pairingId = pairing.path("pairing_id").asText();
        LiveSocket socket = client.connect();

        socket.send("{\"type\":\"pair\",\"pairing_id\":\"" + pairingId + "\",\"temp_token\":\"wrong\","
                + "\"device_info\":{\"name\":\"Live Phone\",\"platform\":\"ios\"}}");
        JsonNode refused = socket.next(15);
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("invalid_pairing_token");

        socket.send("{\"type\":\"pair\",\"pairing_id\":\"" + pairingId + "\",\"temp_token\":\""
                + pairing.path("temp_token").asText() + "\",\"device_info\":{\"name\":\"Live Phone\",\"platform\":\"ios\"}}");
        JsonNode paired = socket.next(15);
        assertThat(paired.path("type").asText()).isEqualTo("auth_success");
        String deviceId = paired.path("device_id").asText();
        assertThat(deviceId).isNotBlank();
        assertThat(paired.path("subject").asText()).isEqualTo(deviceId);
        assertThat(paired.path("roles")).extracting(JsonNode::asText).containsExactly("DEVICE");
        String token = paired.path("token").asText();
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        while ((status = client.read("/api/v1/devices/" + deviceId, token).statusCode()) == 404
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // the device view follows the pairing's events
        }
        assertThat(status).as("the token of auth_success works over REST").isEqualTo(200);

        socket.send("{\"type\":\"subscribe\",\"channel\":\"pairing:" + pairingId + "\"}");
        JsonNode forbidden = socket.next(10);
        socket.send("{\"type\":\"subscribe\",\"channel\":\"devices\"}");
        JsonNode devices = socket.next(10);
        assertThat(forbidden.path("code").asText()).as("a device may not watch pairings").isEqualTo("forbidden");
        assertThat(devices.path("type").asText()).isEqualTo("snapshot");
        socket.close();

        LiveSocket again = client.connect();
        again.send("{\"type\":\"pair\",\"pairing_id\":\"" + pairingId + "\",\"temp_token\":\""
                + pairing.path("temp_token").asText() + "\",\"device_info\":{\"name\":\"Live Phone\",\"platform\":\"ios\"}}");
        assertThat(again.next(15).path("code").asText()).isEqualTo("pairing_already_completed");
        again.close();
    }

    @Test
    void theServerPingsAQuietConnectionAsItsHeartbeat() throws Exception {
        LiveSocket socket = client.authenticated(stack.adminToken());

        socket.pinged.get(25, java.util.concurrent.TimeUnit.SECONDS);

        socket.send("{\"type\":\"ping\"}");
        assertThat(socket.next(10).path("type").asText()).isEqualTo("pong");
        assertThat(socket.closed).isNotDone();
        socket.close();
    }

    @Test
    void theSocketClosesAtTheTokensExpiry() throws Exception {
        String token = AdminTokens.mint(stack.jwtSecret(), "live-expiring-" + unique(), List.of("AUDITOR"),
                Duration.ofSeconds(4));
        long expiresAt = LiveClient.json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])))
                .path("exp").asLong() * 1000;
        LiveSocket socket = client.authenticated(token);
        socket.send("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        assertThat(socket.next(10).path("type").asText()).isEqualTo("snapshot");

        JsonNode expired = socket.nextOfType("error", 15);
        long closedAt = System.currentTimeMillis();

        assertThat(expired.path("code").asText()).isEqualTo("token_expired");
        assertThat(socket.closeCode(5)).isEqualTo(4401);
        assertThat(closedAt).isBetween(expiresAt, expiresAt + 1_000);
    }
}
