package io.lucid.devstack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.fault.SteadyLoad.Outcome;
import io.lucid.devstack.test.TestStack;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a fault test checks after the fault: every command the stack acknowledged (201/202) is in the event store,
 * published on its topic exactly once, and, for nodes, readable from query-api. Nothing accepted is lost, nothing is
 * published twice, whatever crashed.
 */
final class Acknowledged {

    private Acknowledged() {
    }

    /** Returns how many acknowledged commands were found in the event store. */
    static int assertKept(TestStack stack, List<Outcome> outcomes) {
        return assertKept(stack, outcomes, false).stored();
    }

    /** What was found: acknowledged commands in the store, and events the relay published more than once. */
    record Found(int stored, long republished) {
    }

    /**
     * As {@link #assertKept(TestStack, List)}; with {@code republishAllowed} an event may be on its topic more than
     * once: the relay publishes at least once (a relay killed between publishing and saving its position sends the
     * tail again, and consumers dedupe by {@code ce_id}), so only its own crash may show it.
     */
    static Found assertKept(TestStack stack, List<Outcome> outcomes, boolean republishAllowed) {
        List<Outcome> acknowledged = outcomes.stream().filter(Outcome::acknowledged).toList();
        Set<String> ids = acknowledged.stream().map(Outcome::aggregateId).collect(Collectors.toSet());
        assertThat(ids).as("one aggregate per acknowledged command").hasSize(acknowledged.size());
        List<String> stored = new Database(stack).texts("SELECT DISTINCT aggregate_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = ANY(string_to_array(?, ','))", String.join(",", ids));
        assertThat(Set.copyOf(stored)).as("every acknowledged command is in the event store").isEqualTo(ids);
        Set<String> nodes = acknowledged.stream().filter(o -> o.kind().equals("node")).map(Outcome::aggregateId)
                .collect(Collectors.toSet());
        Map<String, Set<String>> byTopic = Map.of(Topics.NODE_EVENTS.name(), nodes,
                Topics.PAIRING_EVENTS.name(), acknowledged.stream().filter(o -> o.kind().equals("pairing"))
                        .map(Outcome::aggregateId).collect(Collectors.toSet()));
        long[] republished = {0};
        for (Map.Entry<String, Set<String>> topic : byTopic.entrySet()) {
            long[] duplicates = {0};
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                TopicKeys.Contents contents = TopicKeys.read(stack.kafkaBootstrap(), topic.getKey());
                assertThat(contents.byKey().keySet()).as("acknowledged and published on " + topic.getKey())
                        .containsAll(topic.getValue());
                if (!republishAllowed) {
                    assertThat(contents.duplicatesAmong(topic.getValue())).as("events published twice on " + topic.getKey())
                            .isZero();
                }
                duplicates[0] = contents.duplicatesAmong(topic.getValue());
            });
            republished[0] += duplicates[0];
        }
        QueryClient query = new QueryClient(stack);
        String admin = stack.adminToken();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> missing = nodes.stream()
                    .filter(id -> query.get("/api/v1/nodes/" + id, admin).status() != 200).toList();
            assertThat(missing).as("acknowledged nodes not readable from query-api").isEmpty();
        });
        return new Found(stored.size(), republished[0]);
    }
}
