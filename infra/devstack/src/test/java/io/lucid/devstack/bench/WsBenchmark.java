package io.lucid.devstack.bench;

import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.position.Position;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Fan-out of live updates, against the stack of {@code ./lucid up} (a stack you can throw away: it appends
 * synthetic node events). Not a test: it prints figures, each beside a ceiling measured in the same run.
 * <ol>
 *   <li>For each client count: that many WebSocket clients (Netty, {@code loops} event loops) subscribed to
 *   {@code nodes}, while synthetic status changes of {@code nodes} rows are appended to {@code lucid.node.events}
 *   at {@code rate} per second for {@code seconds}. A plain consumer of {@code lucid.view.changes} in this process
 *   notes when each change reaches the feed: that instant is the change, and change -> frame is measured on every
 *   client from it (the frame's {@code version} is the change's offset + 1). Figures: frames/s delivered against
 *   frames/s offered, p50/p99, query-api CPU, heap and file descriptors. The ceiling is one client at the same rate.
 *   </li>
 *   <li>The same with {@code stalled} % of the clients not reading after their snapshot: the fair clients' figures
 *   and query-api's heap.</li>
 *   <li>Command 201 -> WebSocket update: {@code POST /nodes/{id}/activate|deactivate} (no body, no signature: the
 *   cheapest command that changes a {@code nodes} row) at each rate of {@code commands}, one operator per node
 *   (rate limits count per principal), one client subscribed to {@code nodes}; the achieved command rate is the
 *   command side's ceiling.</li>
 * </ol>
 * Usage: {@code ./lucid bench ws [clients=1000,5000,10000] [rate=10] [seconds=20] [stalled=10] [loops=2]
 * [commands=200,1000] [command_nodes=1000] [drain=60]}; {@code clients=} or {@code commands=} with no value skips
 * that part; {@code drain} bounds the wait for the last frames after the last change.
 */
public final class WsBenchmark {

    private static final Pattern UPDATED_AT = Pattern.compile("\"updated_at\":\"([^\"]+)\"");
    private static final Pattern NODE_STATUS =
            Pattern.compile("\"node_id\":\"([^\"]+)\".*?\"status\":\"([A-Z]+)\"");
    /** Principals share the default limit of connections per principal (20) rather than needing it raised. */
    private static final int CLIENTS_PER_PRINCIPAL = 20;

    private final CommandLoad load = new CommandLoad();
    private final String host = "127.0.0.1";
    private final int queryPort = Integer.parseInt(System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082"));
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final String registry = System.getenv().getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081"));
    private final Map<String, String> args;
    private final FeedWatch feed;
    private final long queryPid;

    private WsBenchmark(Map<String, String> args) throws Exception {
        this.args = args;
        this.feed = new FeedWatch();
        this.queryPid = pidOf("query-api");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        WsBenchmark benchmark = new WsBenchmark(args);
        try {
            benchmark.run();
        } finally {
            benchmark.feed.close();
        }
        BenchReport.exit(0);
    }

    private List<Integer> ints(String key, String fallback) {
        String value = args.getOrDefault(key, fallback);
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
    }

    private int integer(String key, int fallback) {
        return Integer.parseInt(args.getOrDefault(key, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        List<Integer> counts = ints("clients", "1000,5000,10000");
        int rate = integer("rate", 10);
        int seconds = integer("seconds", 20);
        int stalledPercent = integer("stalled", 10);
        int loops = integer("loops", 2);
        System.out.printf("ws benchmark, load average %s; query-api pid %d, %s%n", CommandLoad.load(), queryPid,
                openFilesLimit(queryPid));
        if (!counts.isEmpty()) {
            fanOut(counts, rate, seconds, stalledPercent, loops);
        }
        List<Integer> commandRates = ints("commands", "200,1000");
        if (!commandRates.isEmpty()) {
            commands(commandRates, integer("command_nodes", 1000), seconds);
        }
    }

    // ---------------------------------------------------------------- fan-out

    private void fanOut(List<Integer> counts, int rate, int seconds, int stalledPercent, int loops) throws Exception {
        int rows = 100;
        String run = load.run;
        List<String> nodes = new ArrayList<>();
        try (SyntheticNodeEvents events = new SyntheticNodeEvents(kafka, registry, 0)) {
            for (int i = 0; i < rows; i++) {
                String nodeId = "node_ws" + run + "_" + i;
                nodes.add(nodeId);
                events.registered(nodeId, "ws-" + run + "-" + i);
            }
            events.flush();
            feed.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(60));
            long[] sequences = new long[rows];
            Changes changes = new Changes(events, nodes, sequences);
            // Warm-up: query-api's fan-out path and this client, not timed.
            phase("warm-up", 200, 0, rate, 5, loops, changes, false);
            Phase ceiling = phase("ceiling: 1 client", 1, 0, rate, seconds, loops, changes, true);
            for (int count : counts) {
                Phase fair = phase(count + " clients", count, 0, rate, seconds, loops, changes, true);
                if (stalledPercent > 0) {
                    Phase withStalled = phase(count + " clients, " + stalledPercent + " % not reading", count,
                            count * stalledPercent / 100, rate, seconds, loops, changes, true);
                    System.out.printf("  fair clients' p99 with stalled clients / without: %.2f (target <= 1.20)%n",
                            withStalled.p99Ms / fair.p99Ms);
                }
                System.out.printf("  p99 / one client's p99: %.1f%n", fair.p99Ms / ceiling.p99Ms);
            }
        }
    }

    /** The synthetic changes: status flips of the benchmark's rows, round robin. */
    private static final class Changes {
        final SyntheticNodeEvents events;
        final List<String> nodes;
        final long[] sequences;
        long next;

        Changes(SyntheticNodeEvents events, List<String> nodes, long[] sequences) {
            this.events = events;
            this.nodes = nodes;
            this.sequences = sequences;
        }

        void one() {
            int row = (int) (next % nodes.size());
            boolean active = (next / nodes.size()) % 2 == 0;
            next++;
            events.statusChanged(nodes.get(row), ++sequences[row], active, Instant.now());
            events.flush();
        }
    }

    private record Phase(double p99Ms) {
    }

    private Phase phase(String name, int count, int stalled, int rate, int seconds, int loops, Changes changes,
            boolean print) throws Exception {
        try (WsClients clients = new WsClients(host, queryPort, "nodes", loops, null)) {
            long openStart = System.nanoTime();
            Semaphore opening = new Semaphore(200);
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            int failed = 0;
            // The first client takes a snapshot; the others resume from its version (see WsClients#open).
            WsClients.Client first = clients.open(load.token("AUDITOR", "bench-ws-" + load.run + "-first", null),
                    false, null);
            first.ready.get(60, TimeUnit.SECONDS);
            Long since = first.snapshotVersion;
            for (int i = 1; i < count; i++) {
                opening.acquire();
                // Stalled clients spread among the others, as on a real fleet.
                boolean stall = stalled > 0 && (i - 1) % (count / stalled) == 0 && (i - 1) / (count / stalled) < stalled;
                String token = load.token("AUDITOR", "bench-ws-" + load.run + "-" + (i / CLIENTS_PER_PRINCIPAL), null);
                WsClients.Client client = clients.open(token, stall, since);
                ready.add(client.ready.whenComplete((ok, error) -> opening.release()));
            }
            for (CompletableFuture<Void> future : ready) {
                try {
                    future.get(120, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failed++;
                }
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            if (print) {
                System.out.printf("%s (%d not reading): %d clients subscribed in %.1f s (%d failed%s); "
                        + "query-api %d threads, %d open files%n", name, stalled, count - failed, openSeconds, failed,
                        failed > 0 ? ": " + clients.errors() : "", threads(queryPid), openFiles(queryPid));
            }
            Thread.sleep(1000);
            clients.clearLogs();
            feed.clear();
            Cpu serverBefore = Cpu.of(queryPid);
            Cpu selfBefore = Cpu.of(ProcessHandle.current().pid());
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                changes.one();
            }
            long producedEnd = System.nanoTime();
            // Drained: no frame for two seconds, or `drain` seconds after the last change.
            int fairClients = count - stalled;
            long quietSince = System.nanoTime();
            long lastFrames = -1;
            long drainNanos = TimeUnit.SECONDS.toNanos(integer("drain", 60));
            while (System.nanoTime() - producedEnd < drainNanos) {
                Thread.sleep(200);
                long frames = clients.clients().stream().mapToLong(c -> c.updates).sum();
                if (frames != lastFrames) {
                    lastFrames = frames;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > 2_000_000_000L) {
                    break;
                }
            }
            Cpu serverAfter = Cpu.of(queryPid);
            Cpu selfAfter = Cpu.of(ProcessHandle.current().pid());
            String heap = heap(queryPid);

            // Every arrival of a fair client, against the instant its change reached the feed.
            Map<Long, Long> fed = feed.arrivals();
            long[] latencies = new long[0];
            int n = 0;
            long firstFed = fed.values().stream().mapToLong(Long::longValue).min().orElse(start);
            long lastArrival = firstFed;
            int unmatched = 0;
            for (WsClients.Log log : clients.logs()) {
                if (latencies.length < n + log.size()) {
                    latencies = Arrays.copyOf(latencies, n + log.size());
                }
                for (int i = 0; i < log.size(); i++) {
                    Long at = fed.get(log.version(i));
                    if (at == null) {
                        unmatched++;
                        continue;
                    }
                    latencies[n++] = Math.max(0, log.time(i) - at);
                    lastArrival = Math.max(lastArrival, log.time(i));
                }
            }
            latencies = Arrays.copyOf(latencies, n);
            Arrays.sort(latencies);
            long expected = (long) fed.size() * fairClients;
            double window = (lastArrival - firstFed) / 1e9;
            double feedSeconds = (producedEnd - start) / 1e9;
            double serverCpu = serverAfter.seconds() - serverBefore.seconds();
            double selfCpu = selfAfter.seconds() - selfBefore.seconds();
            long closed4408 = clients.clients().stream().filter(c -> c.closeCode == 4408).count();
            long closedOther = clients.clients().stream().filter(c -> c.gone && c.closeCode != 4408).count();
            double p99 = percentileMs(latencies, 99);
            if (print) {
                System.out.printf("  %d node changes on the feed in %.1f s (%.1f/s); %d frames to %d fair clients "
                        + "(%.1f %% of %d offered, %d not matched): %.0f frames/s over %.1f s%n", fed.size(),
                        feedSeconds, fed.size() / feedSeconds, n, fairClients, expected == 0 ? 0 : 100.0 * n / expected,
                        expected, unmatched, n / window, window);
                System.out.printf("  change on the feed -> frame: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        percentileMs(latencies, 50), percentileMs(latencies, 90), p99, percentileMs(latencies, 100));
                System.out.printf("  query-api CPU %.2f s (%.0f %% of a core, %.1f us per frame); this client %.2f s "
                        + "(%.0f %%); heap %s%n", serverCpu, 100 * serverCpu / window, n == 0 ? 0 : 1e6 * serverCpu / n,
                        selfCpu, 100 * selfCpu / window, heap);
                System.out.printf("  closed by the server: %d with 4408 (slow consumer), %d otherwise; load average %s%n",
                        closed4408, closedOther, CommandLoad.load());
            }
            return new Phase(p99);
        }
    }

    /**
     * A plain consumer of the change feed, in this process: when a change of the {@code node} view reaches the feed,
     * the instant is its time of change, keyed by its channel version (offset + 1).
     */
    private final class FeedWatch implements AutoCloseable {
        private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long lastArrival = System.nanoTime();

        FeedWatch() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            Deserializer<ViewChanged> values =
                    Topics.VIEW_CHANGES.valueSerde(SchemaRegistryClient.connect(registry)).deserializer();
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIEW_CHANGES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            ViewChanged change = values.deserialize(record.topic(), record.headers(), record.value());
                            if (change != null && Views.NODE.equals(change.getView())) {
                                arrivals.put(record.offset() + 1, now);
                                lastArrival = now;
                            }
                        }
                    }
                }
            }, "feed-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void clear() {
            arrivals.clear();
        }

        Map<Long, Long> arrivals() {
            return new HashMap<>(arrivals);
        }

        /** Waits until no node change arrived for {@code quiet}, at most {@code max}. */
        void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < end && System.nanoTime() - lastArrival < quiet.toNanos()) {
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    // ---------------------------------------------------------------- command 201 -> update

    private void commands(List<Integer> rates, int nodeCount, int seconds) throws Exception {
        List<CommandLoad.BenchNode> nodes = load.registerNodes("wsc", nodeCount);
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            indexOf.put(nodes.get(i).nodeId(), i);
        }
        List<String> operators = nodes.stream().map(n -> load.token("OPERATOR", "bench-op-" + n.nodeId(), null)).toList();
        // Per node, the round of its command in flight: a frame showing the status that round asks for is its update.
        int[] round = new int[nodeCount];
        Arrays.fill(round, -1);
        int maxRequests = rates.stream().mapToInt(r -> requests(r, seconds, nodeCount)).max().orElse(0);
        int rounds = maxRequests / nodeCount + 2;
        AtomicLongArray arrived = new AtomicLongArray(nodeCount * rounds);
        int[] roundBase = {0};
        WsClients watcher = new WsClients(host, queryPort, "nodes", 1, text -> {
            Matcher m = NODE_STATUS.matcher(text);
            if (!m.find()) {
                return;
            }
            Integer index = indexOf.get(m.group(1));
            if (index == null) {
                return;
            }
            int r;
            synchronized (round) {
                r = round[index];
            }
            if (r >= 0 && m.group(2).equals(statusOf(roundBase[0] + r))) {
                arrived.compareAndSet(index * rounds + r, 0, System.nanoTime());
            }
        });
        try (watcher) {
            watcher.open(load.token("AUDITOR", "bench-ws-commands", null), false, null).ready.get(60, TimeUnit.SECONDS);
            // Registration left every node INACTIVE: the first round activates.
            for (int rate : rates) {
                int requests = requests(rate, seconds, nodeCount);
                long[] created = new long[requests];
                int base = roundBase[0];
                for (int i = 0; i < arrived.length(); i++) {
                    arrived.set(i, 0);
                }
                Cpu commandBefore = Cpu.of(pidOf("command-api"));
                Cpu queryBefore = Cpu.of(queryPid);
                OpenLoop.Result result = OpenLoop.run(rate, requests, 128, i -> {
                    int index = i % nodeCount;
                    int r = i / nodeCount;
                    synchronized (round) {
                        round[index] = r;
                    }
                    boolean activate = statusOf(base + r).equals("ACTIVE");
                    HttpResponse<String> answer = post("/api/v1/nodes/" + nodes.get(index).nodeId()
                            + (activate ? "/activate" : "/deactivate"), operators.get(index));
                    created[i] = System.nanoTime();
                    if (answer.statusCode() != 200 && answer.statusCode() != 201) {
                        return answer.statusCode() + " " + answer.body();
                    }
                    return answer.headers().firstValue(Position.HEADER).isPresent() ? null : "no position";
                });
                Thread.sleep(3000);
                Cpu commandAfter = Cpu.of(pidOf("command-api"));
                Cpu queryAfter = Cpu.of(queryPid);
                List<Long> latencies = new ArrayList<>();
                int missing = 0;
                for (int i = 0; i < requests; i++) {
                    long at = arrived.get((i % nodeCount) * rounds + i / nodeCount);
                    if (at == 0) {
                        missing++;
                    } else {
                        latencies.add(Math.max(0, at - created[i]));
                    }
                }
                latencies.sort(null);
                int usedRounds = (requests + nodeCount - 1) / nodeCount;
                // The next rate starts from the status this one left: keep the parity of the rounds.
                roundBase[0] = base + usedRounds;
                synchronized (round) {
                    Arrays.fill(round, -1);
                }
                System.out.printf("node lifecycle commands at %d/s (%d nodes, one operator each): %s%n", rate,
                        nodeCount, result.summary());
                System.out.printf("  command 201 -> WebSocket update: %s; %d of %d updates not seen%n",
                        Arrivals.summary(latencies), missing, requests);
                System.out.printf("  CPU per command: command-api %.2f ms, query-api %.2f ms; load average %s%n",
                        1e3 * (commandAfter.seconds() - commandBefore.seconds()) / requests,
                        1e3 * (queryAfter.seconds() - queryBefore.seconds()) / requests, CommandLoad.load());
            }
        }
    }

    /**
     * Whole rounds only: every node then gets the same number of commands at each rate, so the next rate's first
     * round asks every node for the status it does not have.
     */
    private static int requests(int rate, int seconds, int nodeCount) {
        return (rate * seconds + nodeCount - 1) / nodeCount * nodeCount;
    }

    private static String statusOf(int round) {
        return round % 2 == 0 ? "ACTIVE" : "INACTIVE";
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> post(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(load.command.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- processes

    /** CPU time of a process (user + system), from {@code /proc/<pid>/stat}. */
    private record Cpu(long ticks) {
        static Cpu of(long pid) {
            return new Cpu(StackCpu.nanos(pid, false) / 10_000_000L);
        }

        double seconds() {
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
    }

    private long pidOf(String service) throws IOException {
        Path file = load.data.resolve("run").resolve(service + ".pid");
        return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).trim()) : -1;
    }

    private static int threads(long pid) {
        return (int) procStatus(pid, "Threads:");
    }

    private static long openFiles(long pid) {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String openFilesLimit(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).map(l -> "open files limit "
                            + l.replaceAll("Max open files\\s+(\\S+)\\s+(\\S+).*", "$1 (hard $2)"))
                    .findFirst().orElse("open files limit unknown");
        } catch (IOException e) {
            return "open files limit unknown";
        }
    }

    private static long procStatus(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(field)).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** query-api's heap in use now, then after a full collection (what stays), from {@code jcmd}. */
    private static String heap(long pid) {
        long used = heapUsedKb(pid);
        jcmd(pid, "GC.run");
        long live = heapUsedKb(pid);
        return String.format("%.0f MB in use, %.0f MB after a full GC, RSS %.0f MB", used / 1024.0, live / 1024.0,
                procStatus(pid, "VmRSS:") / 1024.0);
    }

    private static long heapUsedKb(long pid) {
        Matcher used = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        long kb = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
        }
        return kb;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double percentileMs(long[] sorted, double p) {
        return Latency.ofNanos(sorted).percentileMs(p);
    }
}
