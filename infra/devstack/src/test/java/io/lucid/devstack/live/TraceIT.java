package io.lucid.devstack.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.DomainTopic;
import io.lucid.devstack.api.LiveSocket;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.trace.TraceContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One trace id followed through the real stack: a POST with a W3C traceparent, the response's traceparent, the
 * relay's record on the node topic (ce_traceparent, ce_tracestate), the projection's change on lucid.view.changes and
 * the WebSocket update frame it causes. A malformed traceparent starts a new trace, which travels the same way.
 */
class TraceIT extends LiveTest {

    @Test
    void aClientsTraceReachesTheWebSocketFrameItCauses() throws Exception {
        TraceContext caller = TraceContext.newTrace();
        String nodeId = "node_" + unique();
        LiveSocket socket = subscribe(nodeId);

        HttpResponse<String> answer = client.register(nodeId, Map.of("traceparent", caller.traceparent(),
                "tracestate", "lucid-it=1"));
        TraceContext request = TraceContext.parse(answer.headers().firstValue("traceparent").orElse(null), null);
        assertThat(request).as("the response's traceparent").isNotNull();
        assertThat(request.traceId()).isEqualTo(caller.traceId());
        assertThat(request.spanId()).as("command-api's own span").isNotEqualTo(caller.spanId());

        List<DomainTopic.Published> events = new DomainTopic(stack).eventsOf(Topics.NODE_EVENTS, nodeId, 1);
        TraceContext published = TraceContext.parse(events.get(0).header("ce_traceparent"),
                events.get(0).header("ce_tracestate"));
        assertThat(published.traceId()).isEqualTo(caller.traceId());
        assertThat(published.spanId()).as("the relay's span").isNotIn(caller.spanId(), request.spanId());
        assertThat(published.traceState()).isEqualTo("lucid-it=1");

        JsonNode update = socket.nextOfType("update", 60);
        assertThat(update.path("data").path("node_id").asText()).isEqualTo(nodeId);
        TraceContext shown = TraceContext.parse(update.path("traceparent").asText(null), null);
        assertThat(shown.traceId()).isEqualTo(caller.traceId());
        assertThat(shown.spanId()).as("the projection's span").isNotIn(caller.spanId(), request.spanId(),
                published.spanId());
        socket.close();
    }

    @Test
    void aMalformedTraceparentStartsANewTraceInsteadOfFailing() throws Exception {
        String nodeId = "node_" + unique();
        LiveSocket socket = subscribe(nodeId);

        HttpResponse<String> answer = client.register(nodeId, Map.of("traceparent", "00-not-a-trace-at-all-01"));
        TraceContext started = TraceContext.parse(answer.headers().firstValue("traceparent").orElse(null), null);
        assertThat(started).isNotNull();

        List<DomainTopic.Published> events = new DomainTopic(stack).eventsOf(Topics.NODE_EVENTS, nodeId, 1);
        assertThat(TraceContext.parse(events.get(0).header("ce_traceparent"), null).traceId())
                .isEqualTo(started.traceId());
        JsonNode update = socket.nextOfType("update", 60);
        assertThat(TraceContext.parse(update.path("traceparent").asText(null), null).traceId())
                .isEqualTo(started.traceId());
        socket.close();
    }

    private static LiveSocket subscribe(String nodeId) throws Exception {
        LiveSocket socket = client.authenticated(stack.adminToken());
        socket.send("{\"type\":\"subscribe\",\"channel\":\"node:" + nodeId + "\"}");
        assertThat(socket.nextOfType("snapshot", 10)).isNotNull();
        return socket;
    }
}
