package io.lucid.devstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test) of the node slice on a running stack ({@code ./lucid up}): registers N nodes over
 * REST at a fixed rate while a WebSocket client subscribed to {@code nodes} waits for each one's update, and
 * prints the latency from "REST answered 201" to "update frame arrived" (p50/p90/p99/max), plus the resident
 * memory of every process of the stack. Arguments: {@code [count=1000] [rate per second=200]}.
 * Run: {@code ./lucid bench slice [count] [rate]}.
 */
public final class SliceLatencyBenchmark {

    private static final Pattern UPDATE_NODE = Pattern.compile("\"type\":\"update\".*?\"node_id\":\"([^\"]+)\"");

    private SliceLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path data = Path.of(System.getProperty("lucid.data", ".lucid"));
        String token = Files.readString(data.resolve("admin-token")).trim();
        URI command = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_COMMAND_PORT", "8080"));
        String queryPort = System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082");

        Map<String, Long> submitted = new ConcurrentHashMap<>();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> updated = new ConcurrentHashMap<>();
        CountDownLatch allUpdated = new CountDownLatch(count);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + queryPort + "/ws"), new UpdateListener(updated, allUpdated))
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).join();
        socket.sendText("{\"type\":\"subscribe\",\"channel\":\"nodes\"}", true).join();
        Thread.sleep(500);

        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> requests = new ArrayList<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch sent = new CountDownLatch(count);
        AtomicInteger next = new AtomicInteger();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            String nodeId = "node_b" + run + "_" + i;
            HttpRequest request = HttpRequest.newBuilder(command.resolve("/api/v1/nodes"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(nodeId)))
                    .build();
            submitted.put(nodeId, System.nanoTime());
            synchronized (requests) {
                requests.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                    if (response.statusCode() == 201) {
                        accepted.put(nodeId, System.nanoTime());
                    } else {
                        failures.incrementAndGet();
                        allUpdated.countDown();
                    }
                }));
            }
            sent.countDown();
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        sent.await();
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        pacer.shutdown();
        boolean complete = allUpdated.await(120, TimeUnit.SECONDS);
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();

        List<Long> latencies = Arrivals.latencies(accepted, updated);
        List<Long> endToEnd = Arrivals.latencies(submitted, updated);
        System.out.printf("registrations: %d sent in %.1f s (%.0f/s), %d accepted, %d refused, %d updates seen%s%n",
                count, sendSeconds, count / sendSeconds, accepted.size(), failures.get(), latencies.size(),
                complete ? "" : " (timed out waiting for the rest)");
        System.out.printf("REST 201 -> WebSocket update:     %s%n", Arrivals.summary(latencies));
        System.out.printf("REST request -> WebSocket update: %s%n", Arrivals.summary(endToEnd));
        ProcessMemory.print(data, System.out);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        BenchReport.exit(0);
    }

    private static String body(String nodeId) {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return """
                {"node_id":"%s","name":"%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE"},"wallet_address":"TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz","public_key":"%s"}
                """.formatted(nodeId, nodeId.substring(5).replace('_', '-'), Base64.getEncoder().encodeToString(key));
    }

    /** Notes the arrival time of the first update frame of each node. */
    private static final class UpdateListener implements WebSocket.Listener {
        private final Map<String, Long> updated;
        private final CountDownLatch allUpdated;
        // The JDK calls a listener for one message at a time, but not always on the same thread.
        private final StringBuilder partial = new StringBuilder();

        UpdateListener(Map<String, Long> updated, CountDownLatch allUpdated) {
            this.updated = updated;
            this.allUpdated = allUpdated;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                Matcher matcher = UPDATE_NODE.matcher(partial);
                if (matcher.find() && updated.putIfAbsent(matcher.group(1), now) == null) {
                    allUpdated.countDown();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
