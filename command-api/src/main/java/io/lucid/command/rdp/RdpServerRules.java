package io.lucid.command.rdp;

import io.lucid.command.validation.FieldViolations;
import io.lucid.command.validation.Resolution;
import io.lucid.command.validation.Uuids;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules of the RDP server commands (DOMAIN.md section 3), each command's checked all at once. CPU is
 * compared as an exact decimal; the accepted enum values are listed here, not taken from the Avro enums (whose
 * {@code unknown} symbol is a reader's fallback, never a valid input).
 */
final class RdpServerRules {

    static final List<String> DESKTOPS = List.of("xfce", "gnome", "kde", "lxde");
    static final List<String> COLOR_DEPTHS = List.of("16", "24", "32");
    static final List<String> REPORTED_STATUSES = List.of("running", "failed", "stopped");
    static final BigDecimal MIN_CPU = new BigDecimal("0.10");
    static final BigDecimal MAX_CPU = new BigDecimal("8.00");

    private static final Pattern NODE_ID = Pattern.compile("^node_[a-zA-Z0-9_-]{3,59}$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");

    private static final Pattern IPV6_CHARACTERS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private RdpServerRules() {
    }

    static void checkCreate(CreateRdpServerRequest request) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("name", request.name()) && violations.length("name", request.name(), 1, 255)) {
            violations.readable("name", request.name(), false);
        }
        if (request.sessionId() != null && Uuids.canonical(request.sessionId()) == null) {
            violations.add("session_id", "invalid_format", "session_id must be a session id (a UUID)");
        }
        if (request.nodeId() != null && !NODE_ID.matcher(request.nodeId()).matches()) {
            violations.add("node_id", "invalid_format", "node_id must be a node id: ^node_[a-zA-Z0-9_-]+$, 8-64 characters");
        }
        CreateRdpServerRequest.Config config = request.config();
        if (config != null) {
            violations.oneOf("config.desktop", config.desktop(), DESKTOPS);
            Resolution.check("config.resolution", config.resolution(), violations);
            if (config.colorDepth() != null && !COLOR_DEPTHS.contains(config.colorDepth().toString())) {
                violations.add("config.color_depth", "unknown_value", "config.color_depth must be one of 16, 24, 32");
            }
        }
        checkResources(request.resources(), violations);
        violations.throwIfAny();
    }

    private static void checkResources(CreateRdpServerRequest.Resources resources, FieldViolations violations) {
        if (!violations.required("resources", resources)) {
            return;
        }
        BigDecimal cpu = resources.cpu();
        if (violations.required("resources.cpu", cpu)) {
            if (cpu.compareTo(MIN_CPU) < 0 || cpu.compareTo(MAX_CPU) > 0) {
                violations.add("resources.cpu", "out_of_range", "resources.cpu must be within 0.10-8.00 cores");
            } else if (cpu.stripTrailingZeros().scale() > 2) {
                violations.add("resources.cpu", "invalid_precision", "resources.cpu takes at most two decimals (hundredths of a core)");
            }
        }
        multipleInRange("resources.memory_mb", resources.memoryMb(), 512, 16_384, 256, violations);
        multipleInRange("resources.disk_mb", resources.diskMb(), 1024, 102_400, 256, violations);
        if (violations.required("resources.network_mbps", resources.networkMbps())) {
            violations.range("resources.network_mbps", resources.networkMbps(), 100, 10_000);
        }
    }

    private static void multipleInRange(String field, Integer value, int min, int max, int step, FieldViolations violations) {
        if (violations.required(field, value) && violations.range(field, value, min, max) && value % step != 0) {
            violations.add(field, "not_a_multiple", field + " must be a multiple of " + step);
        }
    }

    static void checkReport(StatusReportRequest report) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("status", report.status())) {
            violations.oneOf("status", report.status(), REPORTED_STATUSES);
        }
        if (violations.length("detail", report.detail(), 0, 1000)) {
            violations.readable("detail", report.detail(), true);
        }
        violations.throwIfAny();
    }

    static void checkConnect(ConnectClientRequest client) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("client_name", client.clientName()) && violations.length("client_name", client.clientName(), 1, 255)) {
            violations.readable("client_name", client.clientName(), false);
        }
        if (violations.required("client_ip", client.clientIp()) && !isIpAddress(client.clientIp())) {
            violations.add("client_ip", "invalid_format", "client_ip must be an IPv4 or IPv6 address");
        }
        violations.throwIfAny();
    }

    /** A literal address only: nothing here may trigger a name lookup. */
    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.length() > 45 || value.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            // Hex digits, colons and dots with at least one colon are parsed as an IPv6 literal, never resolved.
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
