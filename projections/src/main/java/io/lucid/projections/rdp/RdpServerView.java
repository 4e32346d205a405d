package io.lucid.projections.rdp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@code rdp_server} row, as {@code GET /api/v1/rdp-servers/{id}} serves it. Its parts come from three
 * topics read independently: the lifecycle and connections ({@code lucid.rdp.events}), {@code last_health}
 * ({@code lucid.rdp.telemetry}) and {@code liveness} ({@code lucid.rdp.health}). A part that arrives before the
 * creation fills a row whose {@code state} is still null; the creation completes it.
 *
 * <p>{@code unresponsive} is derived, never stored from one topic alone: the server is RUNNING and the liveness flag
 * was raised during the current run ({@code liveness.changed_at} not before {@code running_since}). The stream
 * processors clear a flag only on the next report, which a stopped or failed server never sends; deriving the flag
 * keeps such servers, and a restarted server with its first report still due, out of {@code ?unresponsive=true},
 * whichever topic was read first. {@code connection_count} is the size of {@code connections}.
 */
public record RdpServerView(
        String serverId, String name, String owner, String nodeId, String sessionId, String state, Integer port,
        Config config, Resources resources, List<Connection> connections, int connectionCount, String statusDetail,
        Health lastHealth, Liveness liveness, boolean unresponsive, Instant unresponsiveSince, Instant runningSince,
        Instant createdAt, Instant updatedAt) {

    /** Desktop configuration; {@code desktop} is the wire enum's name. */
    public record Config(String desktop, String resolution, int colorDepth) {
    }

    /** Reserved resources; CPU in thousandths of a core, as exact as it was accepted. */
    public record Resources(int cpuMillicores, int memoryMb, int diskMb, int networkMbps) {
    }

    /** An open client connection. */
    public record Connection(String connectionId, String clientName, String clientIp, Instant connectedAt) {
    }

    /** The newest health report by its {@code reported_at}. */
    public record Health(boolean alive, double cpuPercent, long memoryMb, long networkKbps, int activeConnections,
            Instant reportedAt) {
    }

    /**
     * The newest verdict of the stream processors: {@code flagged} after {@code silence_seconds} without a report
     * (then {@code changed_at} is when that was detected), cleared by a report ({@code changed_at} is its time).
     */
    public record Liveness(boolean flagged, Instant changedAt, Instant lastReportAt, Long silenceSeconds) {
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy of a row; {@link #build()} derives the fields that depend on several parts. */
    static final class Builder {
        String serverId;
        String name;
        String owner;
        String nodeId;
        String sessionId;
        String state;
        Integer port;
        Config config;
        Resources resources;
        List<Connection> connections = new ArrayList<>();
        String statusDetail;
        Health lastHealth;
        Liveness liveness;
        Instant runningSince;
        Instant createdAt;
        Instant updatedAt;

        /** A server known only by its id so far. */
        Builder(String serverId) {
            this.serverId = serverId;
        }

        private Builder(RdpServerView v) {
            serverId = v.serverId;
            name = v.name;
            owner = v.owner;
            nodeId = v.nodeId;
            sessionId = v.sessionId;
            state = v.state;
            port = v.port;
            config = v.config;
            resources = v.resources;
            connections = new ArrayList<>(v.connections == null ? List.of() : v.connections);
            statusDetail = v.statusDetail;
            lastHealth = v.lastHealth;
            liveness = v.liveness;
            runningSince = v.runningSince;
            createdAt = v.createdAt;
            updatedAt = v.updatedAt;
        }

        RdpServerView build() {
            boolean unresponsive = "RUNNING".equals(state) && liveness != null && liveness.flagged()
                    && runningSince != null && !liveness.changedAt().isBefore(runningSince);
            return new RdpServerView(serverId, name, owner, nodeId, sessionId, state, port, config, resources,
                    List.copyOf(connections), connections.size(), statusDetail, lastHealth, liveness, unresponsive,
                    unresponsive ? liveness.changedAt() : null, runningSince, createdAt, updatedAt);
        }
    }
}
