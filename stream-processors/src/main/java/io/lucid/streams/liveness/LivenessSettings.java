package io.lucid.streams.liveness;

import java.time.Duration;

/**
 * Liveness timeouts (DOMAIN.md sections 3 and 4) and how often the wall-clock check runs: an ACTIVE node without a
 * heartbeat for 300 s is unhealthy; a RUNNING RDP server without a health report for 90 s is unresponsive.
 *
 * @param checkInterval how often absence is checked; a verdict comes at most this late
 */
public record LivenessSettings(Duration heartbeatTimeout, Duration rdpReportTimeout, Duration checkInterval) {

    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_RDP_REPORT_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);

    public LivenessSettings {
        for (Duration d : new Duration[] {heartbeatTimeout, rdpReportTimeout, checkInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("liveness durations must be positive: " + d);
            }
        }
    }

    public static LivenessSettings defaults() {
        return new LivenessSettings(DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_RDP_REPORT_TIMEOUT, DEFAULT_CHECK_INTERVAL);
    }
}
