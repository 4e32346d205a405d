package io.lucid.command.axon;

import io.lucid.events.poot.TaskProofSubmitted;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.avro.AvroSerializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The cost of the event serializer per event (a program, not a test; {@code ./lucid bench serializer} runs it on this
 * module's classpath): command-api's serializer ({@link AxonFactory#eventSerializer}, {@link CachedAvroStrategy})
 * against Axon's default Avro strategy over the same schemas, in this JVM, rounds interleaved. Thread CPU time per
 * {@code TaskProofSubmitted} written (the append) and read (an aggregate's load), median of {@code rounds}.
 * Arguments: {@code [events=100000] [rounds=7]}. Prints lines {@code measured: <variant> <write|read> <ns> ns}.
 */
public final class AvroStrategyCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private AvroStrategyCost() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Serializer ours = AxonFactory.eventSerializer(JacksonSerializer.defaultSerializer());
        Serializer axons = AvroSerializer.builder().schemaStore(EventSchemaStore.create())
                .serializerDelegate(JacksonSerializer.defaultSerializer()).build();
        List<TaskProofSubmitted> proofs = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            proofs.add(CachedAvroStrategyTest.proof(i));
        }
        List<SerializedObject<byte[]>> stored = proofs.stream().map(p -> axons.serialize(p, byte[].class)).toList();
        List<List<Double>> figures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            figures.add(new ArrayList<>());
        }
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            double[] r = {
                nanosPer(events, () -> proofs.forEach(p -> sink += ours.serialize(p, byte[].class).getData().length)),
                nanosPer(events, () -> proofs.forEach(p -> sink += axons.serialize(p, byte[].class).getData().length)),
                nanosPer(events, () -> stored.forEach(s -> sink += ((Object) ours.deserialize(s)).hashCode())),
                nanosPer(events, () -> stored.forEach(s -> sink += ((Object) axons.deserialize(s)).hashCode())),
            };
            for (int i = 0; round >= 0 && i < r.length; i++) {
                figures.get(i).add(r[i]);
            }
        }
        String[] names = {"ours write", "axon write", "ours read", "axon read"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("measured: %s %.0f ns%n", names[i], median(figures.get(i)));
        }
        System.exit(sink == 42 ? 1 : 0);
    }

    private static double nanosPer(int n, Runnable work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.run();
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / n;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
