package io.lucid.command.rdp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.DisconnectReason;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An RDP server on a volunteer node (DOMAIN.md section 3): created with a port, started and stopped through its host
 * agent's status reports, with up to 10 client connections, deleted to free its port. Event-sourced; handlers check
 * who may act, then the fields, then the state, and only then apply. OPERATOR and ADMIN may do everything; a NODE
 * token may only report the status of a server on its own node.
 */
public class RdpServer {

    static final int MAX_CONNECTIONS = 10;

    @AggregateIdentifier
    private String serverId;
    private RdpServerStatus status;
    private String nodeId;
    private int port;
    /** Open connection ids in the order they connected, so forced disconnections are recorded in that order. */
    private final Set<String> connections = new LinkedHashSet<>();

    /** Axon creates the aggregate (and rebuilds it from its events) through this constructor. */
    protected RdpServer() {
    }

    /** Not a constructor: a creation handler that returns a value (the port) to the caller. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    Created handle(CreateRdpServerCommand command, Principal principal, RdpServerSlots slots, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        RdpServerRules.checkCreate(command.request());
        Instant now = clock.instant();
        RdpServerSlots.Allocation allocation = slots.allocate(command.serverId(), principal.subject(), now);
        if (!allocation.isGranted()) {
            throw refused(allocation.refusal());
        }
        apply(RdpServerEvents.created(command, principal.subject(), allocation.port(), now));
        return new Created(command.serverId(), allocation.port());
    }

    @CommandHandler
    RdpServerStatus handle(StartRdpServerCommand command, Principal principal, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        if (!RdpServerStatus.STARTABLE.contains(status)) {
            throw illegalTransition("start the server");
        }
        apply(new RdpServerStartRequested(serverId, clock.instant()));
        return status;
    }

    @CommandHandler
    RdpServerStatus handle(ReportRdpServerStatusCommand command, Principal principal, Clock clock) {
        principal.requireNode(nodeId);
        RdpServerRules.checkReport(command.report());
        String reported = command.report().status();
        String detail = command.report().detail();
        Instant now = clock.instant();
        switch (reported) {
            case "running" -> reportRunning(detail, now);
            case "failed" -> reportFailed(detail, now);
            default -> reportStopped(detail, now);
        }
        return status;
    }

    @CommandHandler
    String handle(ConnectClientCommand command, Principal principal, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        RdpServerRules.checkConnect(command.client());
        requireStatus("connect a client", RdpServerStatus.RUNNING);
        if (connections.size() >= MAX_CONNECTIONS) {
            throw new CommandRejectedException(422, "too_many_connections",
                    "server " + serverId + " already has the maximum of " + MAX_CONNECTIONS + " connected clients");
        }
        apply(new ClientConnected(serverId, command.connectionId(), command.client().clientName(), command.client().clientIp(),
                clock.instant()));
        return command.connectionId();
    }

    @CommandHandler
    RdpServerStatus handle(DisconnectClientCommand command, Principal principal, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        if (!connections.contains(command.connectionId())) {
            throw new CommandRejectedException(404, "connection_not_found",
                    "server " + serverId + " has no open connection " + command.connectionId());
        }
        apply(new ClientDisconnected(serverId, command.connectionId(), DisconnectReason.requested, clock.instant()));
        return status;
    }

    @CommandHandler
    RdpServerStatus handle(StopRdpServerCommand command, Principal principal, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        requireStatus("stop the server", RdpServerStatus.RUNNING);
        if (!connections.isEmpty() && !command.force()) {
            throw CommandRejectedException.conflict("clients_connected", "server " + serverId + " has " + connections.size()
                    + " connected clients; stop with force to disconnect them");
        }
        Instant now = clock.instant();
        disconnectAll(DisconnectReason.forced_stop, now);
        apply(new RdpServerStopRequested(serverId, command.force(), now));
        return status;
    }

    @CommandHandler
    RdpServerStatus handle(DeleteRdpServerCommand command, Principal principal, RdpServerSlots slots, Clock clock) {
        principal.requireAny(Roles.OPERATOR);
        if (status == RdpServerStatus.DELETED) {
            throw illegalTransition("delete the server");
        }
        if (RdpServerStatus.LIVE.contains(status) && !command.force()) {
            throw CommandRejectedException.conflict("server_running",
                    "server " + serverId + " is " + status + "; delete with force to remove it anyway");
        }
        Instant now = clock.instant();
        disconnectAll(DisconnectReason.forced_delete, now);
        slots.release(serverId, now);
        apply(new RdpServerDeleted(serverId, port, command.force(), now));
        return status;
    }

    private void reportRunning(String detail, Instant now) {
        if (status == RdpServerStatus.RUNNING) {
            return; // the agent repeats itself: nothing changed
        }
        requireStatus("report the server running", RdpServerStatus.STARTING);
        apply(new RdpServerRunning(serverId, detail, now));
    }

    private void reportFailed(String detail, Instant now) {
        if (status == RdpServerStatus.FAILED) {
            return;
        }
        requireStatus("report the server failed", RdpServerStatus.STARTING, RdpServerStatus.RUNNING);
        disconnectAll(DisconnectReason.server_failed, now);
        apply(new RdpServerFailed(serverId, detail, now));
    }

    private void reportStopped(String detail, Instant now) {
        if (status == RdpServerStatus.STOPPED) {
            return;
        }
        requireStatus("report the server stopped", RdpServerStatus.STOPPING);
        apply(new RdpServerStopped(serverId, detail, now));
    }

    /** One ClientDisconnected per open connection, recorded before the state change that ends them. */
    private void disconnectAll(DisconnectReason reason, Instant now) {
        for (String connectionId : List.copyOf(connections)) {
            apply(new ClientDisconnected(serverId, connectionId, reason, now));
        }
    }

    @EventSourcingHandler
    void on(RdpServerCreated event) {
        serverId = event.getServerId();
        nodeId = event.getNodeId();
        port = event.getPort();
        status = RdpServerStatus.CREATED;
    }

    @EventSourcingHandler
    void on(RdpServerStartRequested event) {
        status = RdpServerStatus.STARTING;
    }

    @EventSourcingHandler
    void on(RdpServerRunning event) {
        status = RdpServerStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(RdpServerFailed event) {
        status = RdpServerStatus.FAILED;
    }

    @EventSourcingHandler
    void on(RdpServerStopRequested event) {
        status = RdpServerStatus.STOPPING;
    }

    @EventSourcingHandler
    void on(RdpServerStopped event) {
        status = RdpServerStatus.STOPPED;
    }

    @EventSourcingHandler
    void on(RdpServerDeleted event) {
        status = RdpServerStatus.DELETED;
    }

    @EventSourcingHandler
    void on(ClientConnected event) {
        connections.add(event.getConnectionId());
    }

    @EventSourcingHandler
    void on(ClientDisconnected event) {
        connections.remove(event.getConnectionId());
    }

    RdpServerStatus status() {
        return status;
    }

    Set<String> connections() {
        return Set.copyOf(connections);
    }

    private void requireStatus(String action, RdpServerStatus... allowed) {
        for (RdpServerStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw illegalTransition(action);
    }

    /** 409 naming the current state, so the client knows where the server stands. */
    private CommandRejectedException illegalTransition(String action) {
        return new CommandRejectedException(409, "illegal_transition", "cannot " + action + ": server " + serverId + " is " + status);
    }

    private static CommandRejectedException refused(RdpServerSlots.Refusal refusal) {
        return switch (refusal) {
            case SYSTEM_LIMIT_REACHED -> new CommandRejectedException(422, "rdp_server_limit_reached",
                    "the maximum number of RDP servers is reached; delete one first");
            case OWNER_LIMIT_REACHED -> new CommandRejectedException(422, "rdp_owner_limit_reached",
                    "you already have the maximum number of RDP servers; delete one first");
            case NO_PORT_FREE -> new CommandRejectedException(422, "rdp_ports_exhausted",
                    "every RDP port is in use or resting after a release; retry in a minute");
        };
    }

    /** What CreateRdpServer answers: the new server and its port. */
    public record Created(String serverId, int port) {
    }
}
