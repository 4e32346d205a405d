package io.lucid.command.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.position.Position;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class PositionRecorderTest {

    private final PositionRecorder recorder =
            new PositionRecorder(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static GenericDomainEventMessage<String> event(String type, String id, long sequence, String request) {
        return new GenericDomainEventMessage<>(type, id, sequence, "payload",
                MetaData.from(Map.of(CommandProvenance.REQUEST_ID, request)));
    }

    @Test
    void keepsTheLastSequencePerAggregateOfTheRequestWithItsTopic() {
        recorder.record(event("Node", "node_a1", 0, "r1"));
        recorder.record(event("Node", "node_a1", 1, "r1"));
        recorder.record(event("Device", "dev-1", 0, "r1"));
        recorder.record(event("Node", "node_b1", 4, "r2"));

        Position position = recorder.take("r1").orElseThrow();

        assertThat(position.entries()).containsExactlyInAnyOrder(
                new Position.Entry("lucid.node.events", "node_a1", 1),
                new Position.Entry("lucid.pairing.events", "dev-1", 0));
        assertThat(recorder.take("r1")).isEmpty();
        assertThat(recorder.take("r2").orElseThrow().entries()).hasSize(1);
    }

    @Test
    void eventsWithoutARequestAndUnknownAggregateTypesAreNotRecorded() {
        recorder.record(new GenericDomainEventMessage<>("Node", "node_a1", 0, "payload"));
        recorder.record(event("Mystery", "x", 0, "r3"));

        assertThat(recorder.take("r3")).isEmpty();
    }

    @Test
    void aRequestThatWroteMoreAggregatesThanAHeaderHoldsGetsNoPosition() {
        for (int i = 0; i <= PositionRecorder.MAX_ENTRIES; i++) {
            recorder.record(event("TaskProof", "node_a1:" + i + ":uptime_beacon", 0, "batch"));
        }

        assertThat(recorder.take("batch")).isEmpty();
    }
}
