package io.lucid.schemas.trace;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK behind {@link Tracing} when export is on. Loaded only then, so a process that does not
 * export never initialises the SDK. The span ids are the ones this code base already chose ({@link TraceContext}):
 * the SDK's id generator hands out the id of the span being started, so what is exported is exactly what the
 * headers carry.
 */
final class OtlpSpans {

    /** The context of the span being started on this thread, read by the SDK's id generator. */
    private static final ThreadLocal<TraceContext> STARTING = new ThreadLocal<>();

    private static final IdGenerator CHOSEN_IDS = new IdGenerator() {
        @Override
        public String generateSpanId() {
            TraceContext next = STARTING.get();
            return next != null ? next.spanId() : TraceContext.newTrace().spanId();
        }

        @Override
        public String generateTraceId() {
            TraceContext next = STARTING.get();
            return next != null ? next.traceId() : TraceContext.newTrace().traceId();
        }
    };

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private OtlpSpans(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer("io.lucid");
    }

    static OtlpSpans start(String serviceName, String endpoint) {
        // Defaults under the user's own OTEL_* variables and system properties, which autoconfigure reads first.
        Map<String, String> defaults = Map.of(
                "otel.service.name", serviceName,
                "otel.exporter.otlp.endpoint", endpoint,
                // OTLP over HTTP (port 4318): any collector takes it, and plain HTTP proxies pass it.
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.traces.exporter", "otlp",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none");
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addTracerProviderCustomizer((builder, config) -> builder.setIdGenerator(CHOSEN_IDS))
                .build()
                .getOpenTelemetrySdk();
        return new OtlpSpans(sdk);
    }

    Tracing.Span start(String name, Tracing.Kind kind, TraceContext parent, TraceContext self) {
        Context parentContext = Context.root();
        if (parent != null) {
            parentContext = parentContext.with(io.opentelemetry.api.trace.Span.wrap(SpanContext.createFromRemoteParent(
                    parent.traceId(), parent.spanId(),
                    parent.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
        }
        STARTING.set(self);
        io.opentelemetry.api.trace.Span span;
        try {
            span = tracer.spanBuilder(name).setParent(parentContext).setSpanKind(SpanKind.valueOf(kind.name()))
                    .startSpan();
        } finally {
            STARTING.remove();
        }
        return new Tracing.Span() {
            @Override
            public TraceContext context() {
                return self;
            }

            @Override
            public void end() {
                span.end();
            }
        };
    }

    void flush() {
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    }
}
