package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: its states are coalesced per row (the newest wins, versions still rise), and once
 * more distinct rows are pending than its queue holds, for longer than the grace period, it is closed with 4408.
 */
class LiveBackpressureIT extends LiveTest {

    private static final int TOGGLES = 200;

    @Test
    void aClientThatStopsReadingGetsTheNewestStateNotEveryOne() throws Exception {
        String nodeId = "node_slow" + unique();
        client.register(nodeId);
        try (RawWebSocket socket = RawWebSocket.open(client.wsUri(), false, 4096)) {
            socket.sendText(("{\"type\":\"auth\",\"token\":\"" + stack.adminToken() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            socket.sendText(("{\"type\":\"subscribe\",\"channel\":\"node:" + nodeId + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            // The client reads nothing while the node changes TOGGLES times, each change projected before the next
            // (read-your-writes), so the feed carries each one rather than a batch's last.
            for (int i = 0; i < TOGGLES; i++) {
                String command = i % 2 == 0 ? "activate" : "deactivate";
                var answer = client.post("/api/v1/nodes/" + nodeId + "/" + command, stack.adminToken(), "{}");
                assertThat(answer.statusCode()).as(command).isLessThan(300);
                String position = answer.headers().firstValue("X-Lucid-Position").orElseThrow();
                client.read("/api/v1/nodes/" + nodeId + "?position=" + position, stack.adminToken());
                if (i % 20 == 0) {
                    // Alive, only not reading: a silent client would be closed after 60 s (4000).
                    socket.sendText("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                }
            }
            String finalStatus = awaitSettled(nodeId);
            List<Long> feed = Feed.changes(stack, "node", List.of(nodeId), 0).get(nodeId);

            List<JsonNode> frames = new ArrayList<>();
            String text;
            while ((text = socket.nextText(3_000)) != null) {
                frames.add(LiveClient.json(text));
            }
            assertThat(socket.quiet).as("the connection stays open (close code %d)", socket.closeCode).isTrue();
            JsonNode last = frames.stream().filter(f -> f.has("version")).reduce((a, b) -> b).orElseThrow();
            List<Long> versions = frames.stream().filter(f -> f.has("version"))
                    .map(f -> f.path("version").asLong()).toList();
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            assertThat(frames.stream().filter(f -> "update".equals(f.path("type").asText())).count())
                    .as("updates received for the %d changes of the feed", feed.size()).isLessThan(feed.size());
            assertThat(last.path("version").asLong()).as("the newest state arrived").isEqualTo(feed.get(feed.size() - 1));
            assertThat(last.path("data").path("status").asText()).isEqualTo(finalStatus);
        }
    }

    @Test
    void aClientThatStaysFullIsClosedWith4408() throws Exception {
        String run = unique();
        try (RawWebSocket socket = RawWebSocket.open(client.wsUri(), false, 4096)) {
            socket.sendText(("{\"type\":\"auth\",\"token\":\"" + stack.adminToken() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            socket.sendText("{\"type\":\"subscribe\",\"channel\":\"nodes\"}".getBytes(StandardCharsets.UTF_8));
            ExecutorService load = Executors.newFixedThreadPool(4);
            List<Future<?>> registrations = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String nodeId = "node_full" + run + "_" + i;
                registrations.add(load.submit(() -> {
                    client.register(nodeId);
                    return null;
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
            load.shutdown();
            Thread.sleep(3_000); // still not reading: longer than the grace period

            while (socket.nextText() != null) {
                // what was sent before the close
            }
            assertThat(socket.closeCode).isEqualTo(4408);
        }
    }

    /** Waits until the node's view stops changing; returns its final status. */
    private static String awaitSettled(String nodeId) throws Exception {
        String etag = null;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var reply = client.read("/api/v1/nodes/" + nodeId, stack.adminToken());
            String current = reply.headers().firstValue("ETag").orElse("");
            if (!current.equals(etag)) {
                etag = current;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
                return LiveClient.json(reply.body()).path("status").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(nodeId + " never settled");
    }
}
