package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.LiveSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Resume after a forced disconnect while nodes keep registering: across both connections the client sees the
 * {@code nodes} channel's versions rise strictly (no version twice), and every change of the feed after its snapshot
 * either reached it or was superseded by a newer state of the same row that did (no gap).
 */
class LiveResumeIT extends LiveTest {

    private static final int NODES = 60;

    @Test
    void resumeAfterAForcedDisconnectUnderLoadHasNoGapAndNoDuplicate() throws Exception {
        String run = unique();
        List<String> nodeIds = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodeIds.add("node_live" + run + "_" + i);
        }
        LiveSocket first = client.authenticated(stack.adminToken());
        first.send("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        JsonNode snapshot = first.next(10);
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        long snapshotVersion = snapshot.path("version").asLong();

        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<?> registering = load.submit(() -> {
            for (String nodeId : nodeIds) {
                client.register(nodeId);
                Thread.sleep(15);
            }
            return null;
        });
        List<JsonNode> received = new ArrayList<>();
        while (received.size() < 15) {
            JsonNode update = first.next(30);
            assertThat(update).as("updates before the disconnect").isNotNull();
            received.add(update);
        }
        first.abort();
        long since = received.get(received.size() - 1).path("version").asLong();
        Thread.sleep(300); // changes keep coming while the client is away

        LiveSocket second = client.authenticated(stack.adminToken());
        second.send("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"since\":" + since + "}");
        JsonNode resumed = second.next(10);
        assertThat(resumed.path("type").asText()).isEqualTo("resumed");
        assertThat(resumed.path("since").asLong()).isEqualTo(since);
        registering.get();
        load.shutdown();

        Map<String, Long> feed = new HashMap<>();
        Feed.changes(stack, "node", nodeIds, snapshotVersion)
                .forEach((nodeId, versions) -> feed.put(nodeId, versions.get(versions.size() - 1)));
        assertThat(feed).as("feed changes of the run's nodes").hasSize(nodeIds.size());
        long lastVersion = feed.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        while (received.get(received.size() - 1).path("version").asLong() < lastVersion) {
            JsonNode update = second.next(30);
            assertThat(update).as("updates after the resume, up to version " + lastVersion).isNotNull();
            assertThat(update.path("type").asText()).isEqualTo("update");
            received.add(update);
        }
        second.close();

        List<Long> versions = received.stream().map(frame -> frame.path("version").asLong()).toList();
        assertThat(versions).as("strictly rising, no version twice").isSorted().doesNotHaveDuplicates();
        Map<String, Long> newestSeen = new HashMap<>();
        for (JsonNode frame : received) {
            newestSeen.merge(frame.path("data").path("node_id").asText(), frame.path("version").asLong(), Math::max);
        }
        // No gap: the newest state the feed had for every row of the run reached the client (or a later one did).
        feed.forEach((nodeId, version) -> assertThat(newestSeen.get(nodeId)).as(nodeId)
                .isNotNull().isGreaterThanOrEqualTo(version));
    }
}
