package io.lucid.devstack.bench;

import io.lucid.devstack.AdminTokens;
import io.lucid.schemas.poot.PootTimeBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * What the command-side benchmarks share: the running stack's address and secret (from {@code .lucid}), tokens,
 * node registration with real Ed25519 keys, proof signing, and a closed-loop load of HTTP requests (n workers, each
 * sending its next request as soon as the previous one was answered) with throughput and latency percentiles.
 */
final class CommandLoad {

    static final PootTimeBase TIME_BASE = PootTimeBase.defaults();
    static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";

    final URI command = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_COMMAND_PORT", "8080"));
    final Path data = Path.of(System.getProperty("lucid.data", ".lucid"));
    final String secret;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    CommandLoad() throws IOException {
        secret = Files.readString(data.resolve("jwt-secret")).trim();
    }

    /** A bearer token of {@code role}; {@code nodeId} becomes the node_id claim of a NODE token. */
    String token(String role, String subject, String nodeId) {
        return AdminTokens.mint(secret, subject, List.of(role), nodeId, Duration.ofHours(2));
    }

    /** A node of the benchmark: its id, its private key, its NODE token. */
    record BenchNode(String nodeId, byte[] privateKey, String publicKey, String token) {

        String sign(String text) {
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(privateKey, 0, message, 0, message.length, signature, 0);
            return Base64.getEncoder().encodeToString(signature);
        }
    }

    BenchNode newNode(String prefix, int i) {
        byte[] privateKey = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(new SecureRandom(), privateKey);
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        String nodeId = "node_" + prefix + run + "_" + i;
        return new BenchNode(nodeId, privateKey, Base64.getEncoder().encodeToString(publicKey), token("NODE", "agent-" + nodeId, nodeId));
    }

    static String registration(BenchNode node) {
        return """
                {"node_id":"%s","name":"%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE"},"wallet_address":"%s","public_key":"%s"}
                """.formatted(node.nodeId(), node.nodeId().substring(5).replace('_', '-'), WALLET, node.publicKey());
    }

    /** Registers {@code count} nodes (not timed) with a few workers; returns them. */
    List<BenchNode> registerNodes(String prefix, int count) throws InterruptedException {
        List<BenchNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(newNode(prefix, i));
        }
        Result result = run(16, count, i -> post("/api/v1/nodes", registration(nodes.get(i)), token("ADMIN", "bench", null)));
        if (result.failures() > 0) {
            throw new IllegalStateException(result.failures() + " of " + count + " registrations failed, e.g. " + result.sampleFailure());
        }
        return nodes;
    }

    /** The proof types and their signed value lists, in DOMAIN.md's order. */
    static String proof(BenchNode node, long slot, int type) {
        String nodeId = node.nodeId();
        return switch (type) {
            case 0 -> proofJson(node, slot, "relay_bandwidth", "{\"bytes_transferred\":10485760,\"sessions_relayed\":2}", "10485760:2");
            case 1 -> proofJson(node, slot, "storage_availability", "{\"chunks_stored\":12,\"size_bytes\":3221225472}", "12:3221225472");
            case 2 -> proofJson(node, slot, "validation_signature", "{\"validated_sessions\":4}", "4");
            default -> proofJson(node, slot, "uptime_beacon", "{\"uptime_seconds\":120}", "120");
        };
    }

    private static String proofJson(BenchNode node, long slot, String type, String value, String signedValues) {
        String signature = node.sign(node.nodeId() + ":" + slot + ":" + type + ":" + signedValues);
        return "{\"node_id\":\"" + node.nodeId() + "\",\"slot\":" + slot + ",\"type\":\"" + type + "\",\"value\":" + value
                + ",\"signature\":\"" + signature + "\"}";
    }

    /**
     * Every proof {@code nodes} can submit now without colliding: for each node, the {@code slots} most recent slots
     * (the window reaches 30 back) times the four types, ordered so that consecutive proofs belong to different nodes.
     */
    static List<String> proofs(List<BenchNode> nodes, int slots) {
        long current = TIME_BASE.slotAt(Instant.now());
        List<String> proofs = new ArrayList<>(nodes.size() * slots * 4);
        for (int s = 0; s < slots; s++) {
            for (int type = 0; type < 4; type++) {
                for (BenchNode node : nodes) {
                    proofs.add(proof(node, current - s, type));
                }
            }
        }
        return proofs;
    }

    /** The outcome of a load: answers by status, latencies, wall time. */
    record Result(int requests, double seconds, Map<Integer, Integer> statuses, Latency latency, int failures,
            String sampleFailure) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            return latency.percentileMs(p);
        }

        String summary() {
            return String.format("%d requests in %.1f s: %.0f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s",
                    requests, seconds, perSecond(), percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(100), statuses);
        }
    }

    /** A request of the load: the answer's status and body. */
    record Answer(int status, String body) {
    }

    Answer post(String path, String body, String token) {
        return post(command, path, body, token);
    }

    /** The same to another command-api than the stack's (a benchmark's own instance). */
    Answer post(URI base, String path, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** Sends requests 0..count-1 with {@code workers} threads in a closed loop; a status >= 300 counts as a failure. */
    static Result run(int workers, int count, IntFunction<Answer> request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Latency latencies = new Latency();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> sampleFailure = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    Answer answer = request.apply(i);
                    latencies.record(System.nanoTime() - t0);
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.status() < 200 || answer.status() >= 300) {
                        failures.incrementAndGet();
                        synchronized (sampleFailure) {
                            if (sampleFailure.isEmpty()) {
                                sampleFailure.add(answer.status() + " " + answer.body());
                            }
                        }
                    }
                }
                done.countDown();
            }, "load-" + w);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, seconds, new java.util.TreeMap<>(statuses), latencies, failures.get(),
                sampleFailure.isEmpty() ? "" : sampleFailure.get(0));
    }

    /** The machine's load average, printed with every figure: they mean little without it. */
    static String load() {
        return Machine.loadAverage();
    }
}
