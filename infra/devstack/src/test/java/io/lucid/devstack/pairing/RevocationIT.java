package io.lucid.devstack.pairing;

import static io.lucid.devstack.pairing.RevocationDeadline.WITHIN;
import static io.lucid.devstack.pairing.RevocationDeadline.awaitUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.LiveSocket;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revoked device's tokens stop working on both APIs within one second, and query-api closes the device's open
 * WebSocket connection; other devices are not affected.
 */
class RevocationIT {

    private static TestStack stack;
    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
    }

    @Test
    void aRevokedDevicesTokensStopWorkingOnBothApisWithinOneSecond() throws Exception {
        JsonNode device = client.pairDevice(stack.adminToken(), "to-revoke");
        JsonNode bystander = client.pairDevice(stack.adminToken(), "bystander");
        String deviceId = device.path("device_id").asText();
        String token = device.path("access_token").asText();
        String refreshed = PairingClient.json(client.post("/api/v1/auth/refresh", token, null).body()).path("access_token").asText();

        LiveSocket socket = client.connect();
        socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(socket.next(10).path("type").asText()).isEqualTo("auth_success");
        assertThat(commandApiStatus(token)).as("a valid DEVICE token may not start pairings").isEqualTo(403);
        assertThat(queryApiStatus(token)).isNotEqualTo(401);

        HttpResponse<String> revoked = client.revoke(deviceId, stack.tokenFor("OPERATOR"));
        long revokedAt = System.nanoTime();
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(socket.closed.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("WebSocket close code").isEqualTo(4401);
        awaitUnauthorized(() -> commandApiStatus(token), revokedAt, "command-api, first token");
        awaitUnauthorized(() -> commandApiStatus(refreshed), revokedAt, "command-api, refreshed token");
        awaitUnauthorized(() -> queryApiStatus(token), revokedAt, "query-api, first token");
        awaitUnauthorized(() -> queryApiStatus(refreshed), revokedAt, "query-api, refreshed token");

        assertThat(client.post("/api/v1/auth/refresh", token, null).statusCode()).as("no refresh after revocation").isEqualTo(401);
        LiveSocket again = client.connect();
        again.send("{\"type\":\"auth\",\"token\":\"" + refreshed + "\"}");
        assertThat(again.next(10).path("code").asText()).isEqualTo("unauthorized");
        assertThat(again.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);

        String other = bystander.path("access_token").asText();
        assertThat(commandApiStatus(other)).as("other devices keep working").isEqualTo(403);
        assertThat(queryApiStatus(other)).isNotEqualTo(401);
    }

    /** A DEVICE may not start a pairing: 403 while its token is valid, 401 once it is revoked. Changes nothing. */
    private static int commandApiStatus(String token) throws Exception {
        return client.post("/api/v1/pairings", token, "{}").statusCode();
    }

    private static int queryApiStatus(String token) throws Exception {
        return client.get(stack.queryApi(), "/api/v1/nodes/node_revocation_probe", token).statusCode();
    }
}
