package io.lucid.command.provenance;

import io.lucid.schemas.trace.TraceContext;
import io.lucid.schemas.trace.Tracing;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Opens the server span of every request before anything else runs: a child of the client's W3C
 * {@code traceparent} (and {@code tracestate}) when it sent a well-formed one, else the root of a new trace (a
 * malformed header is never an error). The commands the request sends store that span as their events' trace
 * context ({@link CommandProvenance#trace}); the response carries it back as {@code traceparent}, so a client that
 * sent none learns its trace id. Spans are exported only when export is on ({@link Tracing}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class TraceFilter implements Ordered {

    /** The request attribute holding the request's {@link Tracing.Span}. */
    static final String SPAN_ATTRIBUTE = "lucid.trace-span";

    private static final Tracing TRACING = Tracing.forService("command-api");

    @RequestFilter
    public void open(HttpRequest<?> request) {
        span(request);
    }

    @ResponseFilter
    public void close(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Tracing.Span span = span(request);
        response.getHeaders().set(TraceContext.TRACEPARENT, span.context().traceparent());
        span.end();
    }

    /** The span of the request's trace, opened once per request (also when a filter before this one answered). */
    static TraceContext spanOf(HttpRequest<?> request) {
        return span(request).context();
    }

    private static Tracing.Span span(HttpRequest<?> request) {
        return request.getAttribute(SPAN_ATTRIBUTE, Tracing.Span.class).orElseGet(() -> {
            TraceContext parent = TraceContext.parse(request.getHeaders().get(TraceContext.TRACEPARENT),
                    tracestate(request));
            String route = request.getAttribute(HttpAttributes.URI_TEMPLATE, String.class).orElse(request.getPath());
            Tracing.Span span = TRACING.start(request.getMethodName() + " " + route, Tracing.Kind.SERVER, parent);
            request.setAttribute(SPAN_ATTRIBUTE, span);
            return span;
        });
    }

    /** Several {@code tracestate} headers are one list, joined by commas (W3C trace context, 3.3.1.1). */
    private static String tracestate(HttpRequest<?> request) {
        java.util.List<String> values = request.getHeaders().getAll(TraceContext.TRACESTATE);
        return values.isEmpty() ? null : String.join(",", values);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
