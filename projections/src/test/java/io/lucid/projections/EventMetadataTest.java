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

    @Test
    void readsTimesOfTheUsualFormWithoutAFormatterAndAgreesWithInstantParse() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(EventMetadata.parseUtc(instant.toString())).isEqualTo(instant);
        }
        assertThat(EventMetadata.parseUtc("2026-01-02T03:04:06.5Z")).isEqualTo(Instant.parse("2026-01-02T03:04:06.5Z"));
        assertThat(EventMetadata.parseUtc("2024-02-29T23:59:59.123456789Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
    }

    @Test
    void leavesEveryOtherTimeFormToInstantParse() {
        for (String odd : new String[] {"2026-01-02T03:04:06+01:00", "2026-01-02T03:04:06.Z", "2025-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z", "2026-01-01 00:00:00Z",
                "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00.1234567890Z", "2026-0a-01T00:00:00Z"}) {
            assertThat(EventMetadata.parseUtc(odd)).as(odd).isNull();
        }
    }
}
