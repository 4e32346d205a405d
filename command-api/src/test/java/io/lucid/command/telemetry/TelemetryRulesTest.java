package io.lucid.command.telemetry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import org.junit.jupiter.api.Test;

/** The field rules of heartbeats and RDP health reports. */
class TelemetryRulesTest {

    @Test
    void acceptsAHeartbeatAtItsBounds() {
        assertThatCode(() -> TelemetryRules.check(new HeartbeatReport(0.0, 0L, 0L, 0.0, 0))).doesNotThrowAnyException();
        assertThatCode(() -> TelemetryRules.check(new HeartbeatReport(100.0, 1L << 40, 100L << 40, 100_000.0, 10_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void namesEveryMissingHeartbeatField() {
        assertThatThrownBy(() -> TelemetryRules.check(new HeartbeatReport(null, null, null, null, null)))
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("cpu_percent", "memory_used_bytes", "storage_used_bytes", "network_mbps", "active_sessions"));
    }

    @Test
    void rejectsHeartbeatValuesOutOfRange() {
        assertThatThrownBy(() -> TelemetryRules.check(new HeartbeatReport(100.5, -1L, (100L << 40) + 1, Double.NaN, -1)))
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.errors()).extracting(FieldError::code).containsOnly("out_of_range").hasSize(5));
    }

    @Test
    void acceptsAnRdpHealthReportAtItsBounds() {
        assertThatCode(() -> TelemetryRules.check(new RdpHealthReport(true, 800.0, 0L, 0L, 10))).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnRdpHealthReportOutOfRangeOrIncomplete() {
        assertThatThrownBy(() -> TelemetryRules.check(new RdpHealthReport(null, 800.1, -1L, -1L, 11)))
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("alive", "cpu_percent", "memory_mb", "network_kbps", "active_connections"));
    }
}
