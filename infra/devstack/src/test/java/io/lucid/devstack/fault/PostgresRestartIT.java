package io.lucid.devstack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.fault.SteadyLoad.Outcome;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops (a fast shutdown, as a restart or failover does) and comes back while commands keep arriving:
 * while it is down every command is answered quickly with 503 and {@code Retry-After} (never a 500, never a hang);
 * after it is back commands succeed again; every acknowledged command is in the event store and on its topic, once.
 * Load and outage are settable: {@code lucid.fault.threads}, {@code lucid.fault.outage.seconds}.
 */
class PostgresRestartIT {

    private static final int THREADS = Integer.getInteger("lucid.fault.threads", 3);
    private static final int OUTAGE = Integer.getInteger("lucid.fault.outage.seconds", 10);
    /** Longer than this is a hang: the pool's connection timeout plus a margin for a loaded machine. */
    private static final long HANG_MILLIS = 15_000;

    @Test
    void commandsFailCleanlyWhileItIsDownAndNothingAcknowledgedIsLost() throws Exception {
        TestStack stack = TestStacks.get();
        long down;
        long up;
        List<Outcome> outcomes;
        try (SteadyLoad load = new SteadyLoad(stack, THREADS, 20)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.outcomes().stream().filter(Outcome::acknowledged).count() >= 10);
            down = System.currentTimeMillis();
            stack.stop("postgres");
            Thread.sleep(OUTAGE * 1000L);
            stack.start("postgres");
            up = System.currentTimeMillis();
            // commands succeed again: acknowledgements that started after PostgreSQL was back
            await().atMost(Duration.ofSeconds(120)).until(() -> load.outcomes().stream()
                    .filter(o -> o.at() > up && o.acknowledged()).count() >= 10);
            load.close();
            outcomes = load.outcomes();
            assertThat(load.failures()).isEmpty();
        }
        Map<Integer, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(Outcome::status, TreeMap::new,
                Collectors.counting()));
        List<Outcome> refused = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        assertThat(refused).as(() -> "every command not acknowledged was a 503 with Retry-After; command-api logged:\n"
                + errorsLogged(stack, "command-api")).allSatisfy(o -> {
            assertThat(o.status()).as(o.toString()).isEqualTo(503);
            assertThat(o.retryAfter()).as(o.toString()).isNotBlank();
            assertThat(o.body()).as(o.toString()).contains("\"code\"");
        });
        assertThat(outcomes).as("no answer took longer than " + HANG_MILLIS + " ms")
                .allSatisfy(o -> assertThat(o.millis()).as(o.toString()).isLessThan(HANG_MILLIS));
        long duringOutage = outcomes.stream().filter(o -> o.at() > down + 1000 && o.at() < up - 1000).count();
        assertThat(duringOutage).as("commands were sent while PostgreSQL was down").isPositive();

        int stored = Acknowledged.assertKept(stack, outcomes);
        long acknowledged = outcomes.stream().filter(Outcome::acknowledged).count();
        System.out.printf("PostgresRestartIT: %d commands sent, %d acknowledged, %d found in the event store and on"
                + " the topics, by status %s, %d sent during the %d s outage, slowest answer %d ms%n", outcomes.size(),
                acknowledged, stored, byStatus, duringOutage, OUTAGE,
                outcomes.stream().mapToLong(Outcome::millis).max().orElse(0));
    }

    /** The ERROR lines of a process's log with the stack trace lines after them, to say why a request failed. */
    private static String errorsLogged(TestStack stack, String process) {
        return stack.logFile(process).map(log -> {
            try (Stream<String> lines = Files.lines(log)) {
                StringBuilder out = new StringBuilder();
                boolean inError = false;
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.contains(" ERROR ")) {
                        inError = true;
                    } else if (!line.startsWith("\t") && !line.startsWith("Caused by") && !line.startsWith("\t...")) {
                        inError = false;
                    }
                    if (inError && out.length() < 20_000) {
                        out.append(line).append('\n');
                    }
                }
                return out.toString();
            } catch (IOException e) {
                return "(" + log + " unreadable: " + e + ")";
            }
        }).orElse("(no log file)");
    }
}
