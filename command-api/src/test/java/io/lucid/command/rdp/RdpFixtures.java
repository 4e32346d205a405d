package io.lucid.command.rdp;

import io.lucid.command.security.Principal;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.DesktopEnvironment;
import io.lucid.events.rdp.RdpServerConfig;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerResources;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events, commands and callers that the RDP server tests build on. */
final class RdpFixtures {

    static final Instant CREATED_AT = Instant.parse("2026-11-21T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    static final String ID = "0b6a3f0e-1d2c-4e5f-8a9b-7c6d5e4f3a2b";
    static final String NODE = "node_host_01";
    static final String OPERATOR = "operator-1";
    static final int PORT = 33890;

    private RdpFixtures() {
    }

    static Map<String, Object> as(Principal principal) {
        Map<String, Object> meta = new HashMap<>(principal.metaData());
        meta.put("actor", principal.subject());
        meta.put("correlation_id", "test-correlation");
        return meta;
    }

    static Map<String, Object> operator() {
        return as(new Principal(OPERATOR, Set.of("OPERATOR"), null));
    }

    static Map<String, Object> node(String nodeId) {
        return as(new Principal("agent-" + nodeId, Set.of("NODE"), nodeId));
    }

    static Map<String, Object> role(String role) {
        return as(new Principal("someone-" + role.toLowerCase(), Set.of(role), null));
    }

    static CreateRdpServerRequest.Resources resources(String cpu, Integer memoryMb, Integer diskMb, Integer networkMbps) {
        return new CreateRdpServerRequest.Resources(cpu == null ? null : new BigDecimal(cpu), memoryMb, diskMb, networkMbps);
    }

    static CreateRdpServerRequest request(CreateRdpServerRequest.Resources resources) {
        return new CreateRdpServerRequest("desk-1", null, NODE, null, resources);
    }

    static CreateRdpServerRequest valid() {
        return request(resources("2.50", 4096, 20480, 1000));
    }

    static RdpServerCreated created(String nodeId) {
        return RdpServerCreated.newBuilder()
                .setServerId(ID).setName("desk-1").setOwner(OPERATOR).setSessionId(null).setNodeId(nodeId).setPort(PORT)
                .setConfig(RdpServerConfig.newBuilder().setDesktop(DesktopEnvironment.xfce).setResolution("1920x1080").setColorDepth(24).build())
                .setResources(RdpServerResources.newBuilder().setCpuMillicores(2500).setMemoryMb(4096).setDiskMb(20480).setNetworkMbps(1000).build())
                .setCreatedAt(CREATED_AT)
                .build();
    }

    static RdpServerCreated created() {
        return created(NODE);
    }

    static ClientConnected connected(String connectionId) {
        return new ClientConnected(ID, connectionId, "client-" + connectionId, "10.0.0.1", CREATED_AT.plusSeconds(10));
    }

    /** The events that bring a server into {@code status}. */
    static List<Object> history(RdpServerStatus status) {
        List<Object> events = new ArrayList<>(List.of(created()));
        Instant t = CREATED_AT.plusSeconds(1);
        switch (status) {
            case CREATED -> { }
            case STARTING -> events.add(new RdpServerStartRequested(ID, t));
            case RUNNING -> events.addAll(List.of(new RdpServerStartRequested(ID, t), new RdpServerRunning(ID, null, t)));
            case STOPPING -> events.addAll(List.of(new RdpServerStartRequested(ID, t), new RdpServerRunning(ID, null, t),
                    new RdpServerStopRequested(ID, false, t)));
            case STOPPED -> events.addAll(List.of(new RdpServerStartRequested(ID, t), new RdpServerRunning(ID, null, t),
                    new RdpServerStopRequested(ID, false, t), new RdpServerStopped(ID, null, t)));
            case FAILED -> events.addAll(List.of(new RdpServerStartRequested(ID, t), new RdpServerFailed(ID, "boom", t)));
            case DELETED -> events.add(new RdpServerDeleted(ID, PORT, false, t));
        }
        return events;
    }

    /** A RUNNING server with these clients connected. */
    static List<Object> runningWith(String... connectionIds) {
        List<Object> events = history(RdpServerStatus.RUNNING);
        for (String id : connectionIds) {
            events.add(connected(id));
        }
        return events;
    }
}
