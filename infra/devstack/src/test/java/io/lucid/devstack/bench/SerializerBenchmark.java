package io.lucid.devstack.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test) of the event store's serializer per event: command-api's ({@code CachedAvroStrategy},
 * encoders and decoders kept per type) against Axon's default Avro strategy, which rebuilds them, and so fingerprints
 * the schemas, for every event; same schemas, same events, one JVM, rounds interleaved ({@code AvroStrategyCost} in
 * command-api's test classes). Needs no stack. Arguments: {@code [events=100000] [rounds=7]}.
 * Run: {@code ./lucid bench serializer}.
 */
public final class SerializerBenchmark {

    private SerializerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String events = args.length > 0 ? args[0] : "100000";
        String rounds = args.length > 1 ? args[1] : "7";
        BenchReport report = BenchReport.start("serializer", args);
        String out = CommandApiProgram.run("io.lucid.command.axon.AvroStrategyCost", events, rounds);
        Matcher line = Pattern.compile("measured: (ours|axon) (write|read) (\\d+) ns").matcher(out);
        long[] ns = new long[4]; // ours write, axon write, ours read, axon read
        int found = 0;
        while (line.find()) {
            int index = (line.group(1).equals("ours") ? 0 : 1) + (line.group(2).equals("write") ? 0 : 2);
            ns[index] = Long.parseLong(line.group(3));
            found++;
        }
        if (found != 4) {
            throw new IllegalStateException("unexpected output: " + out);
        }
        report.compare("CPU per TaskProofSubmitted written (append)", "CachedAvroStrategy", ns[0],
                "Axon's SpecificRecordBaseSerializerStrategy", ns[1], "ns");
        report.compare("CPU per TaskProofSubmitted read (aggregate load)", "CachedAvroStrategy", ns[2],
                "Axon's SpecificRecordBaseSerializerStrategy", ns[3], "ns");
        report.note("thread CPU time per event, median of " + rounds + " interleaved rounds of " + events
                + " events, after two rounds of warm-up; a lower ratio is better");
        report.finish();
    }
}
