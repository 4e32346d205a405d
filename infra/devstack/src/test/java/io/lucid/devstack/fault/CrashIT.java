package io.lucid.devstack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.Ports;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.fault.SteadyLoad.Outcome;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.service.Services;
import io.lucid.devstack.service.StandaloneService;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process of the stack is killed with SIGKILL (with everything it started) while commands keep arriving, then
 * started again: PostgreSQL (crash recovery from its WAL), the Kafka broker (log recovery; the relay and the stream
 * processors reconnect), command-api (requests in flight lose their connection) and query-api (the read side comes
 * back). No client ever sees a 5xx other than 503, and every command acknowledged before, during or after the crash
 * is in the event store, published exactly once and readable from query-api. The relay is killed as a process of
 * its own. The projections and the stream processors run inside the test JVM here (docs/reliability.md).
 */
class CrashIT {

    private static final int THREADS = Integer.getInteger("lucid.fault.threads", 3);
    /** How long the process stays dead before it is started again. */
    private static final int DOWN_SECONDS = Integer.getInteger("lucid.fault.down.seconds", 3);
    /** How long the broker refuses the relay's sends: long enough for the relay's engine to fail and back off. */
    private static final int REFUSED_SECONDS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "kafka", "command-api", "query-api"})
    void nothingAcknowledgedIsLostWhenAProcessIsKilled(String process) throws Exception {
        TestStack stack = TestStacks.get();
        long up;
        List<Outcome> outcomes;
        try (SteadyLoad load = new SteadyLoad(stack, THREADS, 20)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().stream().filter(Outcome::acknowledged).count() >= 10);
            stack.kill(process);
            Thread.sleep(DOWN_SECONDS * 1000L);
            stack.stop(process);
            stack.start(process);
            up = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(120)).until(() -> load.outcomes().stream()
                    .filter(o -> o.at() > up && o.acknowledged()).count() >= 10);
            load.close();
            outcomes = load.outcomes();
            assertThat(load.failures()).isEmpty();
        }
        // status 0: no answer at all, the connection refused or cut while command-api was dead
        assertThat(outcomes).as("every command not acknowledged got a 503 with Retry-After, or no answer")
                .filteredOn(o -> !o.acknowledged())
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(0, 503));
        int stored = Acknowledged.assertKept(stack, outcomes);
        Map<Integer, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(Outcome::status, TreeMap::new,
                Collectors.counting()));
        System.out.printf("CrashIT %s: %d commands sent, %d acknowledged and found in the event store, on the topics"
                + " and in query-api, by status %s%n", process, outcomes.size(), stored, byStatus);
    }

    /**
     * The relay, run as a process of its own (as in production), killed while it streams: the next one resumes from
     * the replication slot and the offsets it last saved, so nothing committed is lost; what it had published but not
     * yet recorded is published again, and counted.
     */
    @Test
    void aKilledRelayResumesFromItsSlotAndLosesNothing() throws Exception {
        TestStack stack = TestStacks.get();
        Map<String, String> env = StandaloneService.connections(stack, Ports.freePorts(1)[0]);
        long up;
        List<Outcome> outcomes;
        stack.stop("relay");
        StandaloneService relay = StandaloneService.launch(Services.RELAY, env);
        try (SteadyLoad load = new SteadyLoad(stack, THREADS, 20)) {
            relay.awaitStatus("/health/readiness", 200);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().stream().filter(Outcome::acknowledged).count() >= 20);
            relay.kill();
            Thread.sleep(DOWN_SECONDS * 1000L);
            relay = StandaloneService.launch(Services.RELAY, env);
            relay.awaitStatus("/health/readiness", 200);
            up = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(120)).until(() -> load.outcomes().stream()
                    .filter(o -> o.at() > up && o.acknowledged()).count() >= 10);
            load.close();
            outcomes = load.outcomes();
            assertThat(load.failures()).isEmpty();
            Acknowledged.Found found = Acknowledged.assertKept(stack, outcomes, true);
            assertThat(outcomes).as("the relay's crash is invisible to clients").allSatisfy(o -> assertThat(o.status()).isEqualTo(201));
            System.out.printf("CrashIT relay: %d commands acknowledged, %d found in the event store, on the topics and"
                    + " in query-api; %d events published again after the crash%n", outcomes.size(), found.stored(),
                    found.republished());
        } finally {
            relay.close();
            stack.start("relay");
        }
    }

    /**
     * The registry gone for a while under load. The embedded registry runs inside the test JVM, so it is stopped and
     * started rather than killed; it keeps nothing but its Kafka topic, so a crash would leave the same. Every client
     * (command-api, relay, stream processors, projections) has the schemas it uses cached: nothing acknowledged is
     * lost, nothing published twice, and the clients go on once it is back.
     */
    @Test
    void aRegistryDownForAWhileLosesNothing() throws Exception {
        TestStack stack = TestStacks.get();
        List<Outcome> outcomes;
        try (SteadyLoad load = new SteadyLoad(stack, THREADS, 20)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().stream().filter(Outcome::acknowledged).count() >= 10);
            stack.stop("registry");
            Thread.sleep(DOWN_SECONDS * 1000L);
            stack.start("registry");
            long up = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(120)).until(() -> load.outcomes().stream()
                    .filter(o -> o.at() > up && o.acknowledged()).count() >= 10);
            load.close();
            outcomes = load.outcomes();
            assertThat(load.failures()).isEmpty();
        }
        assertThat(outcomes).as("every command not acknowledged got a 503 with Retry-After")
                .filteredOn(o -> !o.acknowledged())
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(503));
        int stored = Acknowledged.assertKept(stack, outcomes);
        System.out.printf("CrashIT registry: %d commands sent, %d acknowledged and found in the event store, on the"
                + " topics and in query-api%n", outcomes.size(), stored);
    }

    /**
     * The broker refuses the relay's sends for a while (a topic's {@code max.message.bytes} lowered below one event):
     * the relay's engine stops on the refused batch and the relay starts a new one by itself, with backoff, until the
     * broker takes the batch; nobody restarts anything. The event stored meanwhile reaches its topic.
     */
    @Test
    void aRelayRefusedByTheBrokerRestartsItselfAndLosesNothing() throws Exception {
        TestStack stack = TestStacks.get();
        String topic = Topics.NODE_EVENTS.name();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"), AlterConfigOp.OpType.SET)))).all().get();
            String nodeId;
            try {
                nodeId = new Nodes(stack, new ApiClient(stack)).register("node_refused_", new NodeKeys());
                Thread.sleep(REFUSED_SECONDS * 1000L);
                assertThat(TopicKeys.read(stack.kafkaBootstrap(), topic).byKey()).as("published while refused")
                        .doesNotContainKey(nodeId);
            } finally {
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)))).all().get();
            }
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(TopicKeys.read(stack.kafkaBootstrap(), topic).byKey()).as("published once the broker takes it")
                            .containsKey(nodeId));
            System.out.printf("CrashIT relay refused for %d s: the event stored meanwhile was published after the"
                    + " refusal ended, without a restart from outside%n", REFUSED_SECONDS);
        }
    }
}
