package io.lucid.schemas.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void withoutAnEndpointSpansAreOnlyIds() {
        Tracing tracing = Tracing.exportingTo("test", null);
        TraceContext parent = TraceContext.newTrace();
        Tracing.Span span = tracing.start("work", Tracing.Kind.INTERNAL, parent);
        span.end();
        assertThat(tracing.exports()).isFalse();
        assertThat(span.context().traceId()).isEqualTo(parent.traceId());
        assertThat(span.context().spanId()).isNotEqualTo(parent.spanId());
        assertThat(tracing.start("root", Tracing.Kind.SERVER, null).context()).isNotNull();
    }

    /** A minimal OTLP/HTTP receiver: the protobuf body holds the trace and span ids as raw bytes. */
    @Test
    void exportsSpansWithTheIdsTheHeadersCarry() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            bodies.add(body.toByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        receiver.start();
        try {
            Tracing tracing = Tracing.exportingTo("tracing-test",
                    "http://127.0.0.1:" + receiver.getAddress().getPort());
            TraceContext parent = TraceContext.newTrace();
            TraceContext self = parent.child("record-1");
            tracing.start("consume", Tracing.Kind.CONSUMER, parent, self).end();
            tracing.flush();
            assertThat(bodies).hasSize(1);
            String hex = HexFormat.of().formatHex(bodies.get(0));
            assertThat(hex).contains(self.traceId()).contains(self.spanId()).contains(parent.spanId());
            assertThat(new String(bodies.get(0), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("tracing-test").contains("consume");
        } finally {
            receiver.stop(0);
        }
    }
}
