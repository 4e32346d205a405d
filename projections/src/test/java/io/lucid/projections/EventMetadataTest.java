package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventMetadataTest {

    @Test
    void readsTheCloudEventsHeaders() {
        EventMetadata metadata = EventMetadata.from(TestRecords.record("evt-1", "node_abc123", 0));

        assertThat(metadata.eventId()).isEqualTo("evt-1");
        assertThat(metadata.eventType()).isEqualTo("io.lucid.events.node.NodeRegistered");
        assertThat(metadata.aggregateId()).isEqualTo("node_abc123");
        assertThat(metadata.sequence()).isZero();
        assertThat(metadata.time()).isEqualTo(Instant.parse("2026-01-02T03:04:06Z"));
        assertThat(metadata.actor()).isEqualTo("admin");
        assertThat(metadata.correlationId()).isEqualTo("corr-1");
        assertThat(metadata.position()).isEqualTo("lucid.node.events/2@41");
    }

    @Test
    void aRecordWithoutSequenceIsTelemetryWithSequenceMinusOne() {
        ConsumerRecord<String, byte[]> record = TestRecords.record("evt-1", "node_abc123", 6);
        assertThat(EventMetadata.from(record).hasSequence()).isTrue();
        record.headers().remove(CloudEventHeaders.SEQUENCE);

        EventMetadata metadata = EventMetadata.from(record);

        assertThat(metadata.sequence()).isEqualTo(-1);
        assertThat(metadata.hasSequence()).isFalse();
    }

    @Test
    void rejectsARecordWithoutEventIdNamingItsPosition() {
        ConsumerRecord<String, byte[]> record = TestRecords.record("evt-1", "node_abc123", 0);
        record.headers().remove(CloudEventHeaders.ID);

        assertThatThrownBy(() -> EventMetadata.from(record))
                .isInstanceOf(BadMetadataException.class)
                .hasMessageContaining("lucid.node.events/2@41")
                .hasMessageContaining(CloudEventHeaders.ID);
    }

    @Test
    void rejectsAMalformedSequence() {
        ConsumerRecord<String, byte[]> record = TestRecords.record("evt-1", "node_abc123", 0);
        record.headers().remove(CloudEventHeaders.SEQUENCE);
        TestRecords.header(record, CloudEventHeaders.SEQUENCE, "-3");

        assertThatThrownBy(() -> EventMetadata.from(record)).isInstanceOf(BadMetadataException.class);
    }

    @Test
    void fallsBackToTheKeyAndTheRecordTimestamp() {
        ConsumerRecord<String, byte[]> record = TestRecords.record("evt-1", "node_abc123", 0);
        record.headers().remove(CloudEventHeaders.SUBJECT);
        record.headers().remove(CloudEventHeaders.TIME);

        EventMetadata metadata = EventMetadata.from(record);

        assertThat(metadata.aggregateId()).isEqualTo("node_abc123");
        assertThat(metadata.time()).isEqualTo(Instant.ofEpochMilli(record.timestamp()));
    }
}
