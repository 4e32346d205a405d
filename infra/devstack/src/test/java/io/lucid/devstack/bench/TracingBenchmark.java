package io.lucid.devstack.bench;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.trace.TraceContext;
import io.lucid.schemas.trace.Tracing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Benchmark (not a test) of what tracing adds to one command with export off, in this JVM: the work of every hop
 * as the services do it (command-api parses the caller's traceparent, opens its span, formats the response header and
 * the metadata; the relay parses the stored context and writes its span's headers; a stream processor and a
 * projection read the headers and derive their spans; query-api parses and formats the frame's field). Beside it, in
 * the same run, the ceiling it is compared with: the CloudEvents headers the relay already writes per event (15
 * headers and a UUID). Thread CPU time per command, median of {@code rounds}. Arguments:
 * {@code [commands=200000] [rounds=7]}. Run: {@code ./lucid bench tracing}.
 */
public final class TracingBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private TracingBenchmark() {
    }

    public static void main(String[] args) {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        System.out.printf("load average before: %s%n", CommandLoad.load());
        Tracing tracing = Tracing.forService("bench");
        if (tracing.exports()) {
            System.out.println("unset " + Tracing.ENDPOINT_VARIABLE + ": this measures tracing with export off");
            System.exit(2);
        }
        String caller = TraceContext.newTrace().traceparent();
        List<Double> traced = new ArrayList<>();
        List<Double> headers = new ArrayList<>();
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            double t = nanosPerOp(commands, () -> tracedCommand(tracing, caller));
            double h = nanosPerOp(commands, TracingBenchmark::cloudEventHeaders);
            if (round >= 0) {
                traced.add(t);
                headers.add(h);
            }
        }
        double t = median(traced);
        double h = median(headers);
        System.out.printf("trace context, all hops of one command, export off: %.2f us CPU%n", t / 1_000);
        System.out.printf("ceiling: the relay's CloudEvents headers of one event: %.2f us CPU%n", h / 1_000);
        System.out.printf("ratio: %.2f%n", t / h);
        System.out.printf("load average after: %s%n", CommandLoad.load());
        System.exit(sink == 42 ? 1 : 0);
    }

    private static void tracedCommand(Tracing tracing, String caller) {
        // command-api: the request's span, the response header, the metadata
        Tracing.Span request = tracing.start("POST /api/v1/nodes", Tracing.Kind.SERVER,
                TraceContext.parse(caller, null));
        String response = request.context().traceparent();
        String stored = request.context().traceparent();
        request.end();
        // relay: the stored context, a keyed child, the headers
        RecordHeaders relayed = new RecordHeaders();
        TraceContext storedContext = TraceContext.parse(stored, null);
        Tracing.Span publish = tracing.start("publish", Tracing.Kind.PRODUCER, storedContext,
                storedContext.child("3f2b7c1e-0000-4000-8000-000000000001"));
        publish.context().writeTo(relayed);
        publish.end();
        // stream processor: a derived record
        TraceContext input = TraceContext.from(relayed);
        RecordHeaders derived = new RecordHeaders();
        tracing.start("poot", Tracing.Kind.CONSUMER, input, input.child("lucid.poot.scores:node_1:3")).context()
                .writeTo(derived);
        // projection: the change's span, the outbox column, the feed's headers
        TraceContext event = TraceContext.from(relayed);
        Tracing.Span apply = tracing.start("apply", Tracing.Kind.CONSUMER, event, event.child("nodes:event-1"));
        String column = apply.context().traceparent();
        apply.end();
        RecordHeaders feed = new RecordHeaders();
        TraceContext.parse(column, null).writeTo(feed);
        // query-api: the frame's field
        String frame = TraceContext.from(feed).traceparent();
        sink += response.length() + frame.length() + derived.toArray().length;
    }

    private static void cloudEventHeaders() {
        RecordHeaders headers = new RecordHeaders();
        String[] names = {CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.TYPE,
            CloudEventHeaders.SOURCE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE,
            CloudEventHeaders.AGGREGATE_TYPE, CloudEventHeaders.SEQUENCE, CloudEventHeaders.GLOBAL_INDEX,
            CloudEventHeaders.ACTOR, CloudEventHeaders.CORRELATION_ID, CloudEventHeaders.CAUSATION_ID,
            CloudEventHeaders.PREV_HASH, CloudEventHeaders.HASH};
        String id = UUID.randomUUID().toString();
        for (String name : names) {
            headers.add(name, (name + id).getBytes(StandardCharsets.UTF_8));
        }
        sink += headers.toArray().length;
    }

    private static double nanosPerOp(int n, Runnable op) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / n;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
