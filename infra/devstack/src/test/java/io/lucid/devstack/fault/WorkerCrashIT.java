package io.lucid.devstack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.Ports;
import io.lucid.devstack.demo.DemoTraffic;
import io.lucid.devstack.fault.SteadyLoad.Outcome;
import io.lucid.devstack.replay.Rebuilds;
import io.lucid.devstack.service.Services;
import io.lucid.devstack.service.StandaloneService;
import io.lucid.devstack.test.EmbeddedTestStack;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The projections and the stream processors, each run as a process of its own (as in production) and killed with
 * SIGKILL under a load of every domain (the demo traffic: nodes, heartbeats, signed proofs, sessions and chunks, RDP
 * servers, pairings, payouts; plus a steady load of creating commands whose answers are recorded). After the restart
 * nothing is lost and no effect is applied twice:
 * <ul>
 *   <li>every acknowledged command is in the event store, once on its topic and readable from query-api;</li>
 *   <li>every derived topic carries, per key, the sequence 0, 1, 2, ... with no number twice or missing (the stream
 *       processors write exactly once, crash or not);</li>
 *   <li>every domain read model, rebuilt from the topics into a fresh schema, equals the live one row for row (a
 *       projection that lost a batch or applied one twice would differ).</li>
 * </ul>
 */
class WorkerCrashIT {

    private static final int DOWN_SECONDS = Integer.getInteger("lucid.fault.down.seconds", 3);
    /** How long the mixed load runs before and after the crash, so that each side has work in flight. */
    private static final Duration TRAFFIC = Duration.ofSeconds(Integer.getInteger("lucid.fault.traffic.seconds", 10));

    /** How long the restarted worker may take to be ready again. */
    private static final Duration RECOVERY = Duration.ofMinutes(6);

    /** The derived topics, each written by the stream processors only, each record with its per-key sequence. */
    private static final List<String> DERIVED = List.of(Topics.POOT_SCORES.name(), Topics.POOT_TALLIES.name(),
            Topics.PAYOUT_CALCULATIONS.name(), Topics.POOL_EVENTS.name(), Topics.NODE_HEALTH.name(),
            Topics.RDP_HEALTH.name());

    @ParameterizedTest
    @ValueSource(strings = {Services.STREAM_PROCESSORS})
    void aKilledWorkerLosesNothingAndAppliesNothingTwice(String service) throws Exception {
        TestStack stack = TestStacks.get();
        Map<String, String> env = StandaloneService.connections(stack, Ports.freePorts(1)[0]);
        if (service.equals(Services.STREAM_PROCESSORS)) {
            // a directory of its own: the embedded processors' stores stay theirs, and the standalone one restores
            env.put("LUCID_STREAMS_STATE_DIR", EmbeddedTestStack.createTempDir().resolve("streams").toString());
        }
        List<Outcome> outcomes;
        stack.stop(service);
        StandaloneService worker = StandaloneService.launch(service, env);
        try {
            worker.awaitStatus("/health/readiness", 200);
            try (DemoTraffic demo = DemoTraffic.start(stack.commandApi(), stack.queryApi(), stack.jwtSecret(), 4);
                    SteadyLoad load = new SteadyLoad(stack, 2, 50)) {
                Thread.sleep(TRAFFIC.toMillis());
                await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().stream().filter(Outcome::acknowledged).count() >= 10);
                worker.kill();
                Thread.sleep(DOWN_SECONDS * 1000L);
                worker = StandaloneService.launch(service, env);
                // After a SIGKILL under exactly-once, Kafka Streams wipes the stores of the tasks it had open and
                // restores them from their changelogs before it processes again: slow on a loaded machine.
                worker.awaitStatus("/health/readiness", 200, RECOVERY);
                long up = System.currentTimeMillis();
                Thread.sleep(TRAFFIC.toMillis());
                await().atMost(Duration.ofSeconds(120)).until(() -> load.outcomes().stream()
                        .filter(o -> o.at() > up && o.acknowledged()).count() >= 10);
                load.close();
                outcomes = load.outcomes();
                assertThat(load.failures()).isEmpty();
            }
            // Kafka Streams logs the stores it wipes after a crash under exactly-once at ERROR, then recovers them:
            // expected after a SIGKILL. Any other ERROR is not.
            assertThat(worker.logText().lines().filter(line -> line.contains(" ERROR "))
                    .filter(line -> !line.contains("TaskCorruptedException")))
                    .as("ERROR lines of the restarted %s", service).isEmpty();
        } finally {
            worker.close();
            stack.start(service);
        }

        int stored = Acknowledged.assertKept(stack, outcomes);
        long derived = 0;
        for (String topic : DERIVED) {
            TopicKeys.Contents contents = TopicKeys.read(stack.kafkaBootstrap(), topic);
            assertThat(contents.brokenSequences()).as("keys of %s whose sequence repeats or skips a number", topic)
                    .isEmpty();
            derived += contents.sequencesByKey().values().stream().mapToLong(List::size).sum();
        }
        assertThat(derived).as("records on the derived topics").isPositive();
        long rows = Rebuilds.assertRebuildEqualsLive(stack, Rebuilds.DOMAIN_PROJECTIONS);
        Map<Integer, Long> byStatus = new TreeMap<>();
        outcomes.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
        System.out.printf("WorkerCrashIT %s: %d commands sent, %d acknowledged and found in the event store, on the"
                + " topics and in query-api, by status %s; %d derived records in sequence; %d read-model rows equal"
                + " to a rebuild%n", service, outcomes.size(), stored, byStatus, derived, rows);
    }
}
