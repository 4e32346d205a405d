package io.lucid.projections.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.projections.EventMetadata;
import io.lucid.projections.TestRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeViewRowTest {

    @Test
    void aRegistrationFlattensEveryFieldIntoAnInactiveRow() {
        EventMetadata metadata = EventMetadata.from(TestRecords.record("evt-1", "node_abc123", 0));

        NodeViewRow row = NodeViewRow.registered(TestRecords.nodeRegistered("node_abc123"), metadata);

        assertThat(row).isEqualTo(new NodeViewRow("node_abc123", "alpha-1", "worker", 8, 16L << 30, 500L << 30,
                "NVMe", 1000, null, "DE", "Berlin", "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
                "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "INACTIVE", 1, TestRecords.REGISTERED_AT,
                Instant.parse("2026-01-02T03:04:06Z")));
    }
}
