package io.lucid.command.telemetry;

import io.lucid.command.validation.FieldViolations;

/**
 * The field rules of telemetry reports, all checked at once (422 naming every broken field). Bounds follow the
 * largest hardware a node may declare (1 TiB memory, 100 TiB storage, 100,000 Mbps) and the largest RDP server
 * (8 cores, 10 connections), so a report that no real machine can produce is refused rather than skewing liveness
 * and dashboards.
 */
final class TelemetryRules {

    static final long TIB = 1L << 40;

    private TelemetryRules() {
    }

    static void check(HeartbeatReport report) {
        FieldViolations v = new FieldViolations();
        measurement(v, "cpu_percent", report.cpuPercent(), 100);
        if (v.required("memory_used_bytes", report.memoryUsedBytes())) {
            v.range("memory_used_bytes", report.memoryUsedBytes(), 0, TIB);
        }
        if (v.required("storage_used_bytes", report.storageUsedBytes())) {
            v.range("storage_used_bytes", report.storageUsedBytes(), 0, 100 * TIB);
        }
        measurement(v, "network_mbps", report.networkMbps(), 100_000);
        if (v.required("active_sessions", report.activeSessions())) {
            v.range("active_sessions", report.activeSessions(), 0, 10_000);
        }
        v.throwIfAny();
    }

    static void check(RdpHealthReport report) {
        FieldViolations v = new FieldViolations();
        v.required("alive", report.alive());
        measurement(v, "cpu_percent", report.cpuPercent(), 800); // per core, summed, at most 8 cores
        if (v.required("memory_mb", report.memoryMb())) {
            v.range("memory_mb", report.memoryMb(), 0, TIB >> 20);
        }
        if (v.required("network_kbps", report.networkKbps())) {
            v.range("network_kbps", report.networkKbps(), 0, 100_000_000);
        }
        if (v.required("active_connections", report.activeConnections())) {
            v.range("active_connections", report.activeConnections(), 0, 10);
        }
        v.throwIfAny();
    }

    /** A measurement in {@code [0, max]}; NaN and infinities are not measurements. */
    private static void measurement(FieldViolations v, String field, Double value, double max) {
        if (v.required(field, value) && !(value >= 0 && value <= max)) {
            v.add(field, "out_of_range", field + " must be within 0-" + (long) max);
        }
    }
}
