package io.lucid.command.node;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A volunteer node (DOMAIN.md section 4): event-sourced, identified by its operator-chosen node id.
 * Lifecycle: registered INACTIVE; INACTIVE -> ACTIVE -> INACTIVE; ACTIVE -> MAINTENANCE -> ACTIVE; any state ->
 * DEREGISTERED, which is terminal. An illegal transition is a 409 naming the current state.
 * Handlers validate and then apply; {@code on(...)} only changes state.
 */
public class Node {

    /** Longest free-text reason a maintenance or deregistration may carry. */
    static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String nodeId;
    private NodeStatus status;
    private NodeHardware hardware;

    /** Axon rebuilds the aggregate from its events through this constructor. */
    protected Node() {
    }

    @CommandHandler
    public Node(RegisterNodeCommand command, NodeClaims claims, Clock clock) {
        List<FieldError> violations = NodeRegistrationRules.violations(command);
        if (!violations.isEmpty()) {
            throw CommandRejectedException.invalid(violations);
        }
        switch (claims.claim(command.nodeId(), command.name())) {
            case NODE_ID_TAKEN -> throw CommandRejectedException.conflict("node_already_registered",
                    "node " + command.nodeId() + " is already registered");
            case NAME_TAKEN -> throw CommandRejectedException.conflict("node_name_taken",
                    "the name " + command.name() + " is taken by another node");
            case GRANTED -> apply(registered(command, clock));
        }
    }

    @CommandHandler
    NodeStatus handle(ActivateNodeCommand command, Clock clock) {
        requireStatus("activate", NodeStatus.INACTIVE);
        apply(new NodeActivated(nodeId, clock.instant()));
        return status;
    }

    @CommandHandler
    NodeStatus handle(DeactivateNodeCommand command, Clock clock) {
        requireStatus("deactivate", NodeStatus.ACTIVE);
        apply(new NodeDeactivated(nodeId, clock.instant()));
        return status;
    }

    /** Only an ACTIVE node enters maintenance: leaving it makes the node ACTIVE again, never activates an idle one. */
    @CommandHandler
    NodeStatus handle(EnterMaintenanceCommand command, Clock clock) {
        requireStatus("enter maintenance", NodeStatus.ACTIVE);
        checkReason(command.reason());
        apply(new NodeMaintenanceEntered(nodeId, command.reason(), clock.instant()));
        return status;
    }

    @CommandHandler
    NodeStatus handle(ExitMaintenanceCommand command, Clock clock) {
        requireStatus("exit maintenance", NodeStatus.MAINTENANCE);
        apply(new NodeMaintenanceExited(nodeId, clock.instant()));
        return status;
    }

    /** Re-validated with the bounds of registration; the same hardware again changes nothing and records nothing. */
    @CommandHandler
    NodeStatus handle(UpdateNodeHardwareCommand command, Clock clock) {
        requireStatus("update hardware", NodeStatus.INACTIVE, NodeStatus.ACTIVE, NodeStatus.MAINTENANCE);
        List<FieldError> violations = NodeRegistrationRules.hardwareViolations("", command.hardware());
        if (!violations.isEmpty()) {
            throw CommandRejectedException.invalid(violations);
        }
        NodeHardware declared = hardwareOf(command.hardware());
        if (!declared.equals(hardware)) {
            apply(new NodeHardwareUpdated(nodeId, declared, clock.instant()));
        }
        return status;
    }

    @CommandHandler
    NodeStatus handle(DeregisterNodeCommand command, Clock clock) {
        requireStatus("deregister", NodeStatus.INACTIVE, NodeStatus.ACTIVE, NodeStatus.MAINTENANCE);
        checkReason(command.reason());
        apply(new NodeDeregistered(nodeId, command.reason(), clock.instant()));
        return status;
    }

    @EventSourcingHandler
    void on(NodeRegistered event) {
        nodeId = event.getNodeId();
        status = NodeStatus.INACTIVE;
        hardware = event.getHardware();
    }

    @EventSourcingHandler
    void on(NodeActivated event) {
        status = NodeStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(NodeDeactivated event) {
        status = NodeStatus.INACTIVE;
    }

    @EventSourcingHandler
    void on(NodeMaintenanceEntered event) {
        status = NodeStatus.MAINTENANCE;
    }

    @EventSourcingHandler
    void on(NodeMaintenanceExited event) {
        status = NodeStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(NodeHardwareUpdated event) {
        hardware = event.getHardware();
    }

    @EventSourcingHandler
    void on(NodeDeregistered event) {
        status = NodeStatus.DEREGISTERED;
    }

    NodeStatus status() {
        return status;
    }

    private void requireStatus(String action, NodeStatus... allowed) {
        if (!Set.of(allowed).contains(status)) {
            throw new CommandRejectedException(409, "illegal_transition",
                    "cannot " + action + ": node " + nodeId + " is " + status);
        }
    }

    private static void checkReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw CommandRejectedException.invalid(List.of(
                    new FieldError("reason", "too_long", "reason must be at most " + MAX_REASON + " characters")));
        }
        if (!FreeText.isClean(reason)) {
            throw CommandRejectedException.invalid(List.of(
                    new FieldError("reason", "invalid_characters", "reason must not contain control characters")));
        }
    }

    private static NodeHardware hardwareOf(RegisterNodeCommand.Hardware hw) {
        return NodeHardware.newBuilder()
                .setCpuCores(hw.cpuCores())
                .setMemoryBytes(hw.memoryBytes())
                .setStorageBytes(hw.storageBytes())
                .setStorageType(StorageType.valueOf(hw.storageType()))
                .setNetworkMbps(hw.networkMbps())
                .setGpuModel(hw.gpuModel())
                .build();
    }

    private static NodeRegistered registered(RegisterNodeCommand command, Clock clock) {
        return NodeRegistered.newBuilder()
                .setNodeId(command.nodeId())
                .setName(command.name())
                .setNodeType(NodeType.valueOf(command.nodeType()))
                .setHardware(hardwareOf(command.hardware()))
                .setLocation(NodeLocation.newBuilder()
                        .setCountry(command.location().country())
                        .setRegion(command.location().region())
                        .build())
                .setWalletAddress(command.walletAddress())
                .setPublicKey(command.publicKey())
                .setRegisteredAt(clock.instant())
                .build();
    }
}
