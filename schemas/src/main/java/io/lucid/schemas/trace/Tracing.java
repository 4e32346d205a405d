package io.lucid.schemas.trace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a service records its spans. Every hop asks it for a span ({@link #start}) and carries that span's
 * {@link TraceContext} onward; the ids are always generated and propagated. Spans are exported only when
 * {@value #ENDPOINT_VARIABLE} names an OTLP endpoint: then an OpenTelemetry SDK (autoconfigured, so the standard
 * {@code OTEL_*} variables refine it) sends them there. Unset, nothing of the SDK is loaded and a span costs the
 * generation of its id.
 */
public final class Tracing {

    /** The one setting: the OTLP endpoint (e.g. {@code http://collector:4318}); unset or empty, no export. */
    public static final String ENDPOINT_VARIABLE = "LUCID_OTLP_ENDPOINT";

    /** What a hop does, for the exported span's kind. */
    public enum Kind { SERVER, PRODUCER, CONSUMER, INTERNAL }

    /** One unit of work of a hop; {@link #end} when it is done (idempotent work may end at once). */
    public interface Span {
        TraceContext context();

        void end();
    }

    private record Unrecorded(TraceContext context) implements Span {
        @Override
        public void end() {
        }
    }

    private static final Map<String, Tracing> SERVICES = new ConcurrentHashMap<>();

    private final OtlpSpans exporter;

    private Tracing(OtlpSpans exporter) {
        this.exporter = exporter;
    }

    /** The tracing of a service (its {@code service.name}), set up once per process from the environment. */
    public static Tracing forService(String serviceName) {
        return SERVICES.computeIfAbsent(serviceName, name -> {
            String endpoint = System.getenv(ENDPOINT_VARIABLE);
            return new Tracing(endpoint == null || endpoint.isBlank() ? null : OtlpSpans.start(name, endpoint.trim()));
        });
    }

    /** A tracing that exports to {@code endpoint}, or to nothing when it is null; for tests. */
    public static Tracing exportingTo(String serviceName, String endpoint) {
        return new Tracing(endpoint == null ? null : OtlpSpans.start(serviceName, endpoint));
    }

    /** Whether spans leave the process. */
    public boolean exports() {
        return exporter != null;
    }

    /** A span that continues {@code parent} with a random span id, or starts a trace when parent is null. */
    public Span start(String name, Kind kind, TraceContext parent) {
        return start(name, kind, parent, parent == null ? TraceContext.newTrace() : parent.child());
    }

    /** A span with the given context ({@code self}), child of {@code parent} (null for a root). */
    public Span start(String name, Kind kind, TraceContext parent, TraceContext self) {
        if (exporter == null) {
            return new Unrecorded(self);
        }
        return exporter.start(name, kind, parent, self);
    }

    /** Sends the spans still buffered; for tests and shutdown. */
    public void flush() {
        if (exporter != null) {
            exporter.flush();
        }
    }
}
