package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.api.LiveSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the live protocol with their close codes: the message size after permessage-deflate, invalid UTF-8,
 * subscriptions per connection, connections per principal, and the time to authenticate.
 */
class LiveLimitsIT extends LiveTest {

    @Test
    void aTenMegabyteMessageSentCompressedClosesWith1009() throws Exception {
        byte[] message = new byte[10 * 1024 * 1024];
        Arrays.fill(message, (byte) ' ');
        byte[] json = "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(json, 0, message, 0, json.length);
        try (RawWebSocket socket = RawWebSocket.open(client.wsUri(), true)) {
            assertThat(socket.deflate).as("the server agreed to permessage-deflate").isTrue();

            socket.sendText(message);

            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aMessageOverTheLimitInFragmentsClosesWith1009() throws Exception {
        byte[] fragment = new byte[40 * 1024];
        Arrays.fill(fragment, (byte) ' ');
        try (RawWebSocket socket = RawWebSocket.open(client.wsUri(), false)) {
            socket.sendTextFragments(new byte[][] {fragment, fragment});

            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aTextMessageThatIsNotUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(client.wsUri(), false)) {
            socket.sendText(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

            assertThat(socket.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void theHundredAndFirstSubscriptionIsRefused() throws Exception {
        LiveSocket socket = client.authenticated(stack.adminToken());
        for (int i = 0; i < 100; i++) {
            socket.send("{\"type\":\"subscribe\",\"channel\":\"node:node_limit_" + i + "\"}");
            assertThat(socket.next(10).path("type").asText()).isEqualTo("snapshot");
        }

        socket.send("{\"type\":\"subscribe\",\"channel\":\"node:node_limit_100\"}");

        JsonNode refused = socket.next(10);
        assertThat(refused.path("code").asText()).isEqualTo("too_many_subscriptions");
        socket.send("{\"type\":\"ping\"}");
        assertThat(socket.next(10).path("type").asText()).as("the connection stays").isEqualTo("pong");
        socket.close();
    }

    @Test
    void theTwentyFirstConnectionOfOnePrincipalClosesWith4430() throws Exception {
        String token = new Tokens(stack).of("AUDITOR", "live-many-" + UUID.randomUUID());
        List<LiveSocket> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(client.authenticated(token));
        }

        LiveSocket extra = client.connect();
        extra.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");

        assertThat(extra.next(10).path("code").asText()).isEqualTo("too_many_connections");
        assertThat(extra.closeCode(10)).isEqualTo(4430);
        held.remove(0).close();
        Thread.sleep(500);
        held.add(client.authenticated(token));
        held.forEach(LiveSocket::close);
    }

    @Test
    void anUnauthenticatedConnectionIsClosedWith4001AfterFiveSeconds() throws Exception {
        long opened = System.nanoTime();
        LiveSocket socket = client.connect();

        JsonNode timeout = socket.next(15);
        int code = socket.closeCode(5);
        long seconds = (System.nanoTime() - opened) / 1_000_000_000L;

        assertThat(timeout.path("code").asText()).isEqualTo("auth_timeout");
        assertThat(code).isEqualTo(4001);
        assertThat(seconds).isBetween(4L, 7L);
    }
}
