package io.lucid.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The relay's hop of a trace: the stored trace context becomes the CloudEvents distributed-tracing extension. */
class EventRecordMapperTest {

    private static final String STORED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static EventRow row(String metaData) {
        return new EventRow(7, "event-1", "Node", "node_1", 0, "io.lucid.events.node.NodeRegistered",
                "2026-12-02T04:00:00.123Z", new byte[0], metaData.getBytes(StandardCharsets.UTF_8), null, null);
    }

    @Test
    void continuesTheStoredTraceWithASpanOfItsOwn() {
        RecordHeaders headers = EventRecordMapper.headers(row("{\"actor\":\"admin\",\"traceparent\":\"" + STORED
                + "\",\"tracestate\":\"vendor=x\"}"), Instant.EPOCH, "lucid.node.events");
        TraceContext published = TraceContext.from(headers);
        assertThat(published.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(published.spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(published.traceState()).isEqualTo("vendor=x");
        // sent again after a restart, the record carries the same headers
        assertThat(TraceContext.from(EventRecordMapper.headers(row("{\"traceparent\":\"" + STORED
                + "\",\"tracestate\":\"vendor=x\"}"), Instant.EPOCH, "lucid.node.events"))).isEqualTo(published);
    }

    @Test
    void anEventStoredWithoutATraceGetsNone() {
        RecordHeaders headers = EventRecordMapper.headers(row("{\"actor\":\"admin\"}"), Instant.EPOCH,
                "lucid.node.events");
        assertThat(headers.lastHeader("ce_traceparent")).isNull();
        assertThat(headers.lastHeader("ce_actor")).isNotNull();
    }
}
