package io.lucid.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark (not a test) of {@code POST /api/v1/sessions/{id}/chunks} on a running stack ({@code ./lucid up}): each
 * of {@code sessions} closed-loop clients records its own session (a session's chunks must arrive in sequence, so a
 * client sends its next chunk when the previous one is answered), and the program prints chunks/s,
 * p50/p90/p99/max latency on loopback and the CPU time per chunk of each process of the stack, for the measured phase
 * after a warm-up. Tokens are OPERATOR tokens issued by
 * {@code POST /api/v1/auth/tokens} with the admin token of {@code .lucid/admin-token}; each client takes a fresh one
 * every {@value #REQUESTS_PER_TOKEN} requests, so the per-token rate limit (1,000/min) shapes nothing. The sessions
 * are stopped at the end (they hold recording slots). Arguments: {@code [chunks per session=600] [sessions=32]
 * [warm-up chunks per session=100]}. Run: {@code ./lucid bench chunks [chunks] [sessions] [warm-up]}.
 */
public final class ChunkThroughputBenchmark {

    private static final int REQUESTS_PER_TOKEN = 900;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final URI command = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_COMMAND_PORT", "8080"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String adminToken;

    private ChunkThroughputBenchmark(Path data, String adminToken) {
        this.data = data;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path data = Path.of(System.getProperty("lucid.data", ".lucid"));
        ChunkThroughputBenchmark bench = new ChunkThroughputBenchmark(data, Files.readString(data.resolve("admin-token")).trim());
        System.out.printf("load average before: %s%n", loadAverage());
        bench.run(chunks, sessions, warmUp);
        System.out.printf("load average after: %s%n", loadAverage());
        BenchReport.exit(0);
    }

    private void run(int chunks, int sessions, int warmUp) throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            recorders.add(new Recorder(startSession(i), warmUp, chunks));
        }
        CyclicBarrier measuredStart = new CyclicBarrier(sessions + 1);
        CountDownLatch done = new CountDownLatch(sessions);
        for (Recorder recorder : recorders) {
            Thread thread = new Thread(() -> recorder.record(measuredStart, done), "chunks-" + recorder.sessionId);
            thread.start();
        }
        measuredStart.await();
        Map<String, Duration> cpuBefore = StackCpu.read(data);
        long start = System.nanoTime();
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Duration> cpuAfter = StackCpu.read(data);
        for (Recorder recorder : recorders) {
            post("/api/v1/sessions/" + recorder.sessionId + "/stop", null, recorder.token);
        }
        report(recorders, sessions, chunks, warmUp, seconds);
        System.out.println(StackCpu.line(cpuBefore, cpuAfter, (long) sessions * chunks, "chunk"));
    }

    private static void report(List<Recorder> recorders, int sessions, int chunks, int warmUp, double seconds) {
        long[] latencies = recorders.stream().flatMapToLong(r -> Arrays.stream(r.latencies)).sorted().toArray();
        Map<Integer, Integer> statuses = new TreeMap<>();
        recorders.forEach(r -> r.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum)));
        System.out.printf("record chunk, %d sessions x %d chunks (after %d warm-up chunks each), closed loop: "
                        + "%d requests in %.1f s: %.0f chunks/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                sessions, chunks, warmUp, latencies.length, seconds, latencies.length / seconds, percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), percentile(latencies, 100), statuses);
    }

    private String startSession(int i) throws IOException, InterruptedException {
        String token = operatorToken();
        JsonNode created = post("/api/v1/sessions", "{\"name\":\"bench " + i + "\",\"storage\":{\"max_size_gb\":1000}}", token);
        String sessionId = created.path("session_id").asText();
        JsonNode started = post("/api/v1/sessions/" + sessionId + "/start", null, token);
        if (!"RECORDING".equals(started.path("status").asText())) {
            throw new IllegalStateException("session " + i + " did not start: " + started);
        }
        return sessionId;
    }

    /** A fresh OPERATOR token (its own rate-limit bucket), issued by the token endpoint. */
    private String operatorToken() throws IOException, InterruptedException {
        JsonNode issued = post("/api/v1/auth/tokens", "{\"role\":\"OPERATOR\",\"subject\":\"bench-chunks\",\"ttl_seconds\":3600}", adminToken);
        String token = issued.path("access_token").asText(null);
        if (token == null) {
            throw new IllegalStateException("no token issued: " + issued);
        }
        return token;
    }

    private JsonNode post(String path, String body, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, body, token);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(command.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String chunkBody(long sequence) {
        byte[] digest = new byte[32];
        ThreadLocalRandom.current().nextBytes(digest);
        return "{\"sequence_number\":" + sequence + ",\"size_bytes\":1048576,\"ciphertext_sha256\":\"" + HexFormat.of().formatHex(digest)
                + "\",\"duration_ms\":2000,\"frame_count\":60}";
    }

    private static double percentile(long[] sorted, double p) {
        return Latency.ofNanos(sorted).percentileMs(p);
    }

    private static String loadAverage() {
        return Machine.loadAverage();
    }

    /** One client: records one session's chunks in sequence, timing the measured ones. */
    private final class Recorder {
        final String sessionId;
        final int warmUp;
        final long[] latencies;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        String token;
        int sentWithToken;

        Recorder(String sessionId, int warmUp, int chunks) {
            this.sessionId = sessionId;
            this.warmUp = warmUp;
            this.latencies = new long[chunks];
        }

        void record(CyclicBarrier measuredStart, CountDownLatch done) {
            try {
                for (int i = 1; i <= warmUp; i++) {
                    sendChunk(i);
                }
                measuredStart.await();
                for (int i = 0; i < latencies.length; i++) {
                    long start = System.nanoTime();
                    int status = sendChunk(warmUp + i + 1L);
                    latencies[i] = System.nanoTime() - start;
                    statuses.merge(status, 1, Integer::sum);
                }
            } catch (Exception e) {
                statuses.merge(-1, 1, Integer::sum);
                System.err.println(sessionId + ": " + e);
            } finally {
                done.countDown();
            }
        }

        private int sendChunk(long sequence) throws IOException, InterruptedException {
            if (token == null || sentWithToken++ >= REQUESTS_PER_TOKEN) {
                token = operatorToken();
                sentWithToken = 1;
            }
            return send("/api/v1/sessions/" + sessionId + "/chunks", chunkBody(sequence), token).statusCode();
        }
    }
}
