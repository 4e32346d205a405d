package io.lucid.devstack.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own perf tools ({@code org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance}, from
 * kafka-tools on the broker module's classpath), each in a forked JVM: the broker ceilings beside which our
 * producers and consumers are reported. Their CPU counts as the benchmark's "tools".
 */
final class KafkaTools {

    /** What ProducerPerformance printed last: records, records/s and its latency percentiles in ms. */
    record Produced(long records, double perSecond, double avgMs, double p50Ms, double p99Ms, double p999Ms) {
    }

    private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?, "
            + "([\\d.]+) ms avg latency, [\\d.]+ ms max latency, (\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th, "
            + "(\\d+) ms 99.9th");

    private KafkaTools() {
    }

    /** Produces {@code records} records of {@code size} bytes as fast as the broker takes them, acks=all. */
    static Produced producerPerformance(String kafka, String topic, long records, int size) throws IOException,
            InterruptedException {
        List<String> lines = run("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Long.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + kafka, "acks=all");
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = PRODUCED.matcher(lines.get(i));
            if (m.find()) {
                return new Produced(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                        Double.parseDouble(m.group(6)));
            }
        }
        throw new IllegalStateException("ProducerPerformance printed no summary: " + lines);
    }

    /** Consumes {@code messages} records of a topic from the start; returns {records, fetch milliseconds}. */
    static long[] consumerPerformance(String kafka, String topic, long messages) throws IOException,
            InterruptedException {
        List<String> lines = run("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", kafka,
                "--topic", topic, "--messages", Long.toString(messages), "--timeout", "60000",
                "--reporting-interval", "100000000");
        // Header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
        // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : lines) {
            String[] fields = line.split(",\\s*");
            if (fields.length >= 8 && fields[4].matches("\\d+")) {
                long consumed = Long.parseLong(fields[4]);
                long fetchMs = Long.parseLong(fields[7].trim());
                System.out.printf("  ConsumerPerformance %s: %d records, fetch %d ms = %s records/s%n", topic,
                        consumed, fetchMs, fields[9].trim());
                return new long[] {consumed, fetchMs};
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no figures for " + topic + ": " + lines);
    }

    private static List<String> run(String main, String... args) throws IOException, InterruptedException {
        Path classpath = Path.of("infra/kafka-broker/target/classpath.txt");
        if (!Files.exists(classpath)) {
            classpath = Path.of("../kafka-broker/target/classpath.txt");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", Files.readString(classpath).trim(), main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.lines().forEach(lines::add);
        }
        process.waitFor();
        return lines;
    }
}
