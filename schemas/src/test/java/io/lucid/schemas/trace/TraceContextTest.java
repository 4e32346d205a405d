package io.lucid.schemas.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheSpecExample() {
        TraceContext context = TraceContext.parse(VALID, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.sampled()).isTrue();
        assertThat(context.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(context.traceparent()).isEqualTo(VALID);
    }

    @Test
    void keepsTheUnsampledFlag() {
        TraceContext context = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null);
        assertThat(context.sampled()).isFalse();
        assertThat(context.child().traceparent()).endsWith("-00");
    }

    @Test
    void readsAFutureVersionAsVersion00() {
        TraceContext context = TraceContext.parse(
                "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-adds", null);
        assertThat(context.traceparent()).isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero span id
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has no more fields
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // a future version separates with '-'
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz"
    })
    void rejectsMalformedTraceparents(String traceparent) {
        assertThat(TraceContext.parse(traceparent, "k=v")).isNull();
    }

    @Test
    void dropsAnUnusableTracestateButKeepsTheTrace() {
        assertThat(TraceContext.parse(VALID, "k=\u0001").traceState()).isNull();
        assertThat(TraceContext.parse(VALID, "k=" + "v".repeat(600)).traceState()).isNull();
        assertThat(TraceContext.parse(VALID, "  ").traceState()).isNull();
        assertThat(TraceContext.parse(VALID, "k=v").traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void newTracesAreValidAndDistinct() {
        TraceContext a = TraceContext.newTrace();
        TraceContext b = TraceContext.newTrace();
        assertThat(TraceContext.parse(a.traceparent(), null)).isEqualTo(a);
        assertThat(a.traceId()).isNotEqualTo(b.traceId());
        assertThat(a.sampled()).isTrue();
    }

    @Test
    void childrenKeepTheTraceAndGetTheirOwnSpan() {
        TraceContext parent = TraceContext.parse(VALID, "k=v");
        TraceContext child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).hasSize(16);
        assertThat(child.traceState()).isEqualTo("k=v");
    }

    @Test
    void keyedChildrenAreReproducible() {
        TraceContext parent = TraceContext.parse(VALID, null);
        assertThat(parent.child("lucid.node.events:n1:3")).isEqualTo(parent.child("lucid.node.events:n1:3"));
        assertThat(parent.child("lucid.node.events:n1:3").spanId())
                .isNotEqualTo(parent.child("lucid.node.events:n1:4").spanId())
                .isNotEqualTo(parent.spanId());
        TraceContext otherParent = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-01", null);
        assertThat(otherParent.child("x").spanId()).isNotEqualTo(parent.child("x").spanId());
    }

    @Test
    void travelsAsTheCloudEventsExtension() {
        RecordHeaders headers = new RecordHeaders();
        TraceContext.parse(VALID, "k=v").writeTo(headers);
        assertThat(new String(headers.lastHeader("ce_traceparent").value())).isEqualTo(VALID);
        assertThat(new String(headers.lastHeader("ce_tracestate").value())).isEqualTo("k=v");
        assertThat(TraceContext.from(headers)).isEqualTo(TraceContext.parse(VALID, "k=v"));
        assertThat(TraceContext.from(new RecordHeaders())).isNull();
    }
}
