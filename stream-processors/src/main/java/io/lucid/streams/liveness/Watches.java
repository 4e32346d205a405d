package io.lucid.streams.liveness;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealth;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeHeartbeat;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.liveness.Watch.Kind;
import io.lucid.streams.liveness.Watch.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The two things liveness watches. Nodes: monitored while ACTIVE (activation, end of maintenance), heartbeats from
 * {@code lucid.node.telemetry}, unhealthy after 300 s of silence, verdicts on {@code lucid.node.health}. RDP servers:
 * monitored while RUNNING (until a stop is requested, or it stops or fails), reports from {@code lucid.rdp.telemetry},
 * unresponsive after 90 s, verdicts on {@code lucid.rdp.health}.
 */
final class Watches {

    static final String NODE_STORE = "liveness-nodes";
    static final String RDP_STORE = "liveness-rdp-servers";

    private Watches() {
    }

    static Watch nodes(Duration timeout) {
        Map<Class<?>, Function<SpecificRecord, Signal>> signals = Map.of(
                NodeActivated.class, r -> signal(Kind.START, ((NodeActivated) r).getNodeId(), ((NodeActivated) r).getActivatedAt()),
                NodeMaintenanceExited.class, r -> signal(Kind.START, ((NodeMaintenanceExited) r).getNodeId(),
                        ((NodeMaintenanceExited) r).getExitedAt()),
                NodeDeactivated.class, r -> signal(Kind.STOP, ((NodeDeactivated) r).getNodeId(), ((NodeDeactivated) r).getDeactivatedAt()),
                NodeMaintenanceEntered.class, r -> signal(Kind.STOP, ((NodeMaintenanceEntered) r).getNodeId(),
                        ((NodeMaintenanceEntered) r).getEnteredAt()),
                NodeDeregistered.class, r -> signal(Kind.FORGET, ((NodeDeregistered) r).getNodeId(),
                        ((NodeDeregistered) r).getDeregisteredAt()),
                NodeRegistered.class, r -> signal(Kind.IGNORE, ((NodeRegistered) r).getNodeId(), ((NodeRegistered) r).getRegisteredAt()),
                NodeHardwareUpdated.class, r -> signal(Kind.IGNORE, ((NodeHardwareUpdated) r).getNodeId(),
                        ((NodeHardwareUpdated) r).getUpdatedAt()),
                NodeHeartbeat.class, r -> signal(Kind.REPORT, ((NodeHeartbeat) r).getNodeId(), ((NodeHeartbeat) r).getReportedAt()));
        return new Watch("node liveness", Topics.NODE_HEALTH.name(), NODE_STORE, timeout, signals, new Watch.Verdicts() {
            @Override
            public SpecificRecord lost(String node, Presence presence, Duration t, long detectedAt) {
                return new NodeHealthChanged(node, NodeHealth.unhealthy, last(presence), Instant.ofEpochMilli(detectedAt));
            }

            @Override
            public SpecificRecord back(String node, Presence presence, long reportAt) {
                return new NodeHealthChanged(node, NodeHealth.healthy, last(presence), Instant.ofEpochMilli(reportAt));
            }
        });
    }

    static Watch rdpServers(Duration timeout) {
        Map<Class<?>, Function<SpecificRecord, Signal>> signals = Map.of(
                RdpServerRunning.class, r -> signal(Kind.START, ((RdpServerRunning) r).getServerId(),
                        ((RdpServerRunning) r).getReportedAt()),
                RdpServerStopRequested.class, r -> signal(Kind.STOP, ((RdpServerStopRequested) r).getServerId(),
                        ((RdpServerStopRequested) r).getRequestedAt()),
                RdpServerStopped.class, r -> signal(Kind.STOP, ((RdpServerStopped) r).getServerId(), ((RdpServerStopped) r).getStoppedAt()),
                RdpServerFailed.class, r -> signal(Kind.STOP, ((RdpServerFailed) r).getServerId(), ((RdpServerFailed) r).getReportedAt()),
                RdpServerDeleted.class, r -> signal(Kind.FORGET, ((RdpServerDeleted) r).getServerId(), ((RdpServerDeleted) r).getDeletedAt()),
                RdpServerCreated.class, r -> ignore(),
                RdpServerStartRequested.class, r -> ignore(),
                ClientConnected.class, r -> ignore(),
                ClientDisconnected.class, r -> ignore(),
                RdpHealthReported.class, r -> signal(Kind.REPORT, ((RdpHealthReported) r).getServerId(),
                        ((RdpHealthReported) r).getReportedAt()));
        return new Watch("RDP server liveness", Topics.RDP_HEALTH.name(), RDP_STORE, timeout, signals, new Watch.Verdicts() {
            @Override
            public SpecificRecord lost(String server, Presence presence, Duration t, long detectedAt) {
                return new RdpServerUnresponsive(server, last(presence), t.toSeconds(), Instant.ofEpochMilli(detectedAt));
            }

            @Override
            public SpecificRecord back(String server, Presence presence, long reportAt) {
                return new RdpServerResponsive(server, Instant.ofEpochMilli(reportAt));
            }
        });
    }

    private static Signal signal(Kind kind, String subject, Instant at) {
        return new Signal(kind, subject, at.toEpochMilli());
    }

    private static Signal ignore() {
        return new Signal(Kind.IGNORE, "", 0);
    }

    private static Instant last(Presence presence) {
        return presence.lastReported().isPresent() ? Instant.ofEpochMilli(presence.lastReported().getAsLong()) : null;
    }
}
