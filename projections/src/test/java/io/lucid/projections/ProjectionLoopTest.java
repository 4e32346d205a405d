package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ProjectionLoopTest {

    @Test
    void waitsOutConnectionLossAndSerializationFailures() {
        assertThat(ProjectionLoop.isTransient(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(ProjectionLoop.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(ProjectionLoop.isTransient(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(ProjectionLoop.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
    }

    @Test
    void stopsOnDataAndSchemaErrors() {
        assertThat(ProjectionLoop.isTransient(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(ProjectionLoop.isTransient(new SQLException("value too long", "22001"))).isFalse();
    }

    @Test
    void announcesAChangeKeyedByViewAndId() {
        assertThat(new ViewChange("node", "node_abc123", 4).key()).isEqualTo("node:node_abc123");
    }
}
