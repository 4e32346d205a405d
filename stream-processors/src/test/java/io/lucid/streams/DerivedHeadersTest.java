package io.lucid.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.schemas.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A derived record continues the trace of the input that caused it, reproducibly. */
class DerivedHeadersTest {

    private static final TraceContext INPUT = TraceContext.parse(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=x");

    private static Headers derived(Headers cause) {
        PoolStatusChanged value = new PoolStatusChanged(); // only its schema's name is read
        return DerivedHeaders.of("lucid.pool.events", "pools", value, "pool_1", 3, 0, cause);
    }

    @Test
    void continuesTheInputsTraceInASpanOfItsOwn() {
        Headers cause = new RecordHeaders();
        cause.add("ce_id", "event-1".getBytes(StandardCharsets.UTF_8));
        INPUT.writeTo(cause);
        TraceContext output = TraceContext.from(derived(cause));
        assertThat(output.traceId()).isEqualTo(INPUT.traceId());
        assertThat(output.spanId()).isNotEqualTo(INPUT.spanId());
        assertThat(output.traceState()).isEqualTo("vendor=x");
        assertThat(TraceContext.from(derived(cause))).as("a replay writes the same headers").isEqualTo(output);
    }

    @Test
    void anUntracedCauseGivesNoTrace() {
        assertThat(derived(null).lastHeader("ce_traceparent")).isNull();
        assertThat(derived(new RecordHeaders()).lastHeader("ce_traceparent")).isNull();
    }
}
