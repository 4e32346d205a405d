package io.lucid.command.node;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.problem.FieldError;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A volunteer node (DOMAIN.md section 4): event-sourced, identified by its operator-chosen node id.
 * Handlers validate and then apply; {@code on(...)} only changes state.
 */
public class Node {

    @AggregateIdentifier
    private String nodeId;
    private NodeStatus status;

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

    @EventSourcingHandler
    void on(NodeRegistered event) {
        nodeId = event.getNodeId();
        status = NodeStatus.INACTIVE;
    }

    NodeStatus status() {
        return status;
    }

    private static NodeRegistered registered(RegisterNodeCommand command, Clock clock) {
        RegisterNodeCommand.Hardware hw = command.hardware();
        return NodeRegistered.newBuilder()
                .setNodeId(command.nodeId())
                .setName(command.name())
                .setNodeType(NodeType.valueOf(command.nodeType()))
                .setHardware(NodeHardware.newBuilder()
                        .setCpuCores(hw.cpuCores())
                        .setMemoryBytes(hw.memoryBytes())
                        .setStorageBytes(hw.storageBytes())
                        .setStorageType(StorageType.valueOf(hw.storageType()))
                        .setNetworkMbps(hw.networkMbps())
                        .setGpuModel(hw.gpuModel())
                        .build())
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
