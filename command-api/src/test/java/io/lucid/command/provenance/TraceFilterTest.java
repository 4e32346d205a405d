package io.lucid.command.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.trace.TraceContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

/** The request's span: a child of the client's traceparent, or a new trace; stored with the events, echoed back. */
class TraceFilterTest {

    private static final String CLIENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final TraceFilter filter = new TraceFilter();

    @Test
    void continuesTheClientsTrace() {
        HttpRequest<?> request = HttpRequest.POST("/api/v1/nodes", "{}").header("traceparent", CLIENT)
                .header("tracestate", "vendor=x");
        filter.open(request);
        TraceContext trace = CommandProvenance.of(request, "admin").trace();
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.traceState()).isEqualTo("vendor=x");
        assertThat(CommandProvenance.of(request, "admin").metaData())
                .containsEntry("traceparent", trace.traceparent()).containsEntry("tracestate", "vendor=x");

        MutableHttpResponse<?> response = HttpResponse.ok();
        filter.close(request, response);
        assertThat(response.getHeaders().get("traceparent")).isEqualTo(trace.traceparent());
    }

    @Test
    void startsATraceWhenTheHeaderIsMalformedOrAbsent() {
        for (HttpRequest<?> request : new HttpRequest<?>[] {
            HttpRequest.POST("/api/v1/nodes", "{}").header("traceparent", "00-not-a-trace-01"),
            HttpRequest.POST("/api/v1/nodes", "{}")}) {
            MutableHttpResponse<?> response = HttpResponse.ok();
            filter.close(request, response);
            TraceContext echoed = TraceContext.parse(response.getHeaders().get("traceparent"), null);
            assertThat(echoed).isNotNull();
            assertThat(echoed.sampled()).isTrue();
            assertThat(CommandProvenance.of(request, "admin").trace()).isEqualTo(echoed);
        }
    }

    @Test
    void workWithoutATraceStoresNone() {
        assertThat(new CommandProvenance("system", "c", null).metaData()).doesNotContainKey("traceparent");
    }
}
