package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.api.LiveSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-channel read matrix per role: for every role and channel, a subscription is granted exactly when the same
 * token may read the channel's rows over REST, and a restricted token's list channels show only its rows.
 */
class LiveAccessIT extends LiveTest {

    private static String own;
    private static String other;

    @BeforeAll
    static void twoNodes() throws Exception {
        String run = unique();
        own = "node_lacc" + run + "a";
        other = "node_lacc" + run + "b";
        client.register(own);
        client.register(other);
        for (String nodeId : new String[] {own, other}) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.read("/api/v1/nodes/" + nodeId, stack.adminToken()).statusCode() != 200) {
                assertThat(System.nanoTime()).as(nodeId + " in the view").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** Each channel and the REST read of the same rows. */
    private static Map<String, String> channels() {
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("nodes", "/api/v1/nodes");
        channels.put("node:" + own, "/api/v1/nodes/" + own);
        channels.put("node:" + other, "/api/v1/nodes/" + other);
        channels.put("pools", "/api/v1/pools");
        channels.put("sessions", "/api/v1/sessions");
        channels.put("rdp-servers", "/api/v1/rdp-servers");
        channels.put("poot:leaderboard", "/api/v1/poot/leaderboard");
        channels.put("devices", "/api/v1/devices");
        return channels;
    }

    @Test
    void everySubscriptionIsDecidedByTheRestReadPolicy() throws Exception {
        Tokens tokens = new Tokens(stack);
        Map<String, String> byRole = new LinkedHashMap<>();
        byRole.put("ADMIN", stack.adminToken());
        byRole.put("OPERATOR", tokens.of("OPERATOR", "live-operator"));
        byRole.put("AUDITOR", tokens.of("AUDITOR", "live-auditor"));
        byRole.put("NODE", tokens.node(own));
        byRole.put("DEVICE", tokens.of("DEVICE", "live-device-" + UUID.randomUUID()));
        Map<String, String> granted = new LinkedHashMap<>();
        for (Map.Entry<String, String> role : byRole.entrySet()) {
            LiveSocket socket = client.authenticated(role.getValue());
            for (Map.Entry<String, String> channel : channels().entrySet()) {
                int rest = client.read(channel.getValue(), role.getValue()).statusCode();
                socket.send("{\"type\":\"subscribe\",\"channel\":\"" + channel.getKey() + "\"}");
                JsonNode answer = socket.next(10);
                assertThat(answer.path("channel").asText()).isEqualTo(channel.getKey());
                String outcome = answer.path("type").asText().equals("snapshot") ? "snapshot"
                        : answer.path("code").asText();
                assertThat(outcome).as("%s on %s (REST %d)", role.getKey(), channel.getKey(), rest)
                        .isEqualTo(rest == 200 ? "snapshot" : "forbidden");
                granted.put(role.getKey() + " " + channel.getKey(), outcome);
                if (role.getKey().equals("NODE") && channel.getKey().equals("nodes")) {
                    assertThat(answer.path("data").path("items")).extracting(item -> item.path("node_id").asText())
                            .containsOnly(own);
                }
            }
            socket.close();
        }
        // The matrix is not vacuous: the policy of DOMAIN.md section 7, as the REST side applies it.
        assertThat(granted).containsEntry("ADMIN nodes", "snapshot").containsEntry("AUDITOR devices", "snapshot")
                .containsEntry("NODE node:" + own, "snapshot").containsEntry("NODE node:" + other, "forbidden")
                .containsEntry("NODE pools", "forbidden").containsEntry("DEVICE nodes", "forbidden");
    }
}
