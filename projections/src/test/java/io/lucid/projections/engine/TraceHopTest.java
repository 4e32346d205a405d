package io.lucid.projections.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.view.ViewChanged;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.RowBuffer;
import io.lucid.schemas.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The projections' hop of a trace: from the event's headers to the row's change and the change feed's record. */
class TraceHopTest {

    private static final TraceContext EVENT = TraceContext.parse(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=x");

    @Test
    void readsTheEventsTraceAndIgnoresAMalformedOne() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("lucid.node.events", 0, 5, "node_1", new byte[0]);
        record.headers().add("ce_id", "e1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "io.lucid.events.node.NodeRegistered".getBytes(StandardCharsets.UTF_8));
        assertThat(EventMetadata.from(record).trace()).isNull();
        EVENT.writeTo(record.headers());
        assertThat(EventMetadata.from(record).trace()).isEqualTo(EVENT);
        record.headers().add("ce_traceparent", "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(EventMetadata.from(record).trace()).as("a bad trace is no reason to dead-letter").isNull();
    }

    @Test
    void aRowCarriesTheTraceOfTheEventThatLastChangedIt() {
        RowBuffer rows = new RowBuffer();
        rows.put("node", "n1", null, Map.of("name", "a"));
        rows.commitEvent(Instant.EPOCH, EVENT);
        TraceContext second = EVENT.child("second");
        rows.put("node", "n1", null, Map.of("name", "b"));
        rows.commitEvent(Instant.EPOCH, second);
        rows.put("node", "n1", null, Map.of("name", "b"));
        rows.commitEvent(Instant.EPOCH, EVENT.child("no change"));
        assertThat(rows.changed()).singleElement().extracting(RowBuffer.Row::trace).isEqualTo(second);
    }

    @Test
    void theChangeFeedRecordCarriesTheCloudEventsTracingExtension() {
        ViewOutbox.Entry traced = new ViewOutbox.Entry(1, "node", "n1", null, 2, "{}", Instant.EPOCH, EVENT);
        ProducerRecord<String, ViewChanged> record = OutboxPublisher.record(traced, "nodes");
        assertThat(new String(record.headers().lastHeader("ce_traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(EVENT.traceparent());
        assertThat(new String(record.headers().lastHeader("ce_tracestate").value(), StandardCharsets.UTF_8))
                .isEqualTo("vendor=x");
        ViewOutbox.Entry untraced = new ViewOutbox.Entry(1, "node", "n1", null, 2, "{}", Instant.EPOCH, null);
        assertThat(OutboxPublisher.record(untraced, "nodes").headers().toArray()).isEmpty();
    }
}
