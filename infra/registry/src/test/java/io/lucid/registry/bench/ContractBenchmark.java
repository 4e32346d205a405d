package io.lucid.registry.bench;

import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.registry.RegistryServer;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event contract's benchmark (a program, not a test; figures go to docs/benchmarks.md, "Event contract"):
 * serde throughput against plain Avro, and the registry's {@code GET /schemas/ids/{id}} latency at 1,000 requests/s,
 * both against an in-process registry on loopback reached over HTTP by our client.
 *
 * <pre>
 * mvn -q -pl schemas,infra/registry install -DskipTests
 * mvn -q -pl infra/registry test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.lucid.registry.bench.ContractBenchmark [-Dexec.args="--rounds 5 --seconds 3 --lookup-seconds 30"]
 * </pre>
 */
public final class ContractBenchmark {

    private ContractBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = intArg(args, "--rounds", 5);
        int seconds = intArg(args, "--seconds", 3);
        int lookupSeconds = intArg(args, "--lookup-seconds", 30);
        int rate = intArg(args, "--rate", 1_000);
        try (RegistryServer server = RegistryServer.startInMemory(0)) {
            SchemaRegistryClient client = SchemaRegistryClient.connect(server.uri().toString());
            System.out.printf(Locale.ROOT, "JVM %s, %d cores; registry %s%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), server.uri());
            serde("NodeRegistered", nodeRegistered(), client, rounds, seconds);
            serde("TaskProofSubmitted", taskProof(), client, rounds, seconds);
            lookups(server, client, rounds, lookupSeconds, rate);
        }
    }

    private static void serde(String name, SpecificRecord record, SchemaRegistryClient client, int rounds, int seconds) {
        SerdeThroughput bench = new SerdeThroughput(record, client, "lucid.bench.events");
        bench.measure(2_000_000_000L); // warm-up: JIT and caches
        List<SerdeThroughput.Round> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%nSerde throughput, %s, %d bytes on the wire (records per CPU-second; ratio = ours / plain Avro)%n",
                name, bench.wireSize());
        System.out.printf(Locale.ROOT, "%6s %14s %14s %7s %14s %14s %7s%n", "round", "plain enc", "serde enc",
                "ratio", "plain dec", "serde dec", "ratio");
        for (int i = 1; i <= rounds; i++) {
            SerdeThroughput.Round r = bench.measure(seconds * 1_000_000_000L);
            results.add(r);
            System.out.printf(Locale.ROOT, "%6d %,14.0f %,14.0f %7.3f %,14.0f %,14.0f %7.3f%n", i, r.plainEncode(),
                    r.serdeEncode(), r.serdeEncode() / r.plainEncode(), r.plainDecode(), r.serdeDecode(),
                    r.serdeDecode() / r.plainDecode());
        }
        System.out.printf(Locale.ROOT, "%6s %,14.0f %,14.0f %7.3f %,14.0f %,14.0f %7.3f%n", "median",
                median(results, SerdeThroughput.Round::plainEncode), median(results, SerdeThroughput.Round::serdeEncode),
                median(results, r -> r.serdeEncode() / r.plainEncode()),
                median(results, SerdeThroughput.Round::plainDecode), median(results, SerdeThroughput.Round::serdeDecode),
                median(results, r -> r.serdeDecode() / r.plainDecode()));
        System.out.println("(sink " + (bench.sink & 1) + ")");
    }

    private static void lookups(RegistryServer server, SchemaRegistryClient client, int rounds, int seconds, int rate)
            throws InterruptedException {
        int id = client.register("lucid.bench.events-" + NodeRegistered.getClassSchema().getFullName(),
                NodeRegistered.getClassSchema());
        RegistryLookupLatency bench = new RegistryLookupLatency(server.uri(), id);
        bench.run(rate, 5, 16); // warm-up
        List<RegistryLookupLatency.Result> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%nGET /schemas/ids/%d at %,d requests/s for %d s, open loop (microseconds)%n",
                id, rate, seconds);
        System.out.printf(Locale.ROOT, "%6s %9s %9s %9s %9s %9s %10s %7s%n", "round", "p50", "p90", "p99", "p99.9",
                "max", "achieved/s", "errors");
        for (int i = 1; i <= rounds; i++) {
            RegistryLookupLatency.Result r = bench.run(rate, seconds, 16);
            results.add(r);
            System.out.printf(Locale.ROOT, "%6d %9.0f %9.0f %9.0f %9.0f %9.0f %10.0f %7d%n", i, r.p50(), r.p90(),
                    r.p99(), r.p999(), r.max(), r.achievedPerSecond(), r.errors());
        }
        System.out.printf(Locale.ROOT, "%6s %9.0f %9.0f %9.0f %9.0f %9.0f%n", "median",
                median(results, RegistryLookupLatency.Result::p50), median(results, RegistryLookupLatency.Result::p90),
                median(results, RegistryLookupLatency.Result::p99), median(results, RegistryLookupLatency.Result::p999),
                median(results, RegistryLookupLatency.Result::max));
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static NodeRegistered nodeRegistered() {
        return NodeRegistered.newBuilder()
                .setNodeId("node_bench-0001").setName("bench-0001").setNodeType(NodeType.worker)
                .setHardware(NodeHardware.newBuilder().setCpuCores(16).setMemoryBytes(64L << 30)
                        .setStorageBytes(2L << 40).setStorageType(StorageType.NVMe).setNetworkMbps(1_000)
                        .setGpuModel("RTX 4090").build())
                .setLocation(NodeLocation.newBuilder().setCountry("DE").setRegion("eu-central").build())
                .setWalletAddress("TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz")
                .setPublicKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .setRegisteredAt(Instant.parse("2026-01-15T10:15:30.123Z"))
                .build();
    }

    static TaskProofSubmitted taskProof() {
        return TaskProofSubmitted.newBuilder()
                .setProofId("node_bench-0001:1234567:relay_bandwidth").setNodeId("node_bench-0001")
                .setSlot(1_234_567L).setEpoch(1_714L).setProofType(ProofType.relay_bandwidth)
                .setRelayBandwidth(RelayBandwidth.newBuilder().setBytesTransferred(73_400_320L).setSessionsRelayed(3L).build())
                .setSignature("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJCrze8SNFZ4kA==")
                .setSubmittedAt(Instant.parse("2026-01-15T10:15:30.123Z"))
                .build();
    }
}
