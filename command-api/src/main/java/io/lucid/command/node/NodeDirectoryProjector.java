package io.lucid.command.node;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the {@link NodeDirectory} in step with the Node aggregates. It runs in a subscribing event processor,
 * which Axon calls while the command's unit of work prepares to commit, after the events were appended and
 * inside the same transaction: the directory row and the event commit or roll back together, and a failure
 * here fails the command (the processor propagates errors).
 */
@Singleton
@ProcessingGroup(NodeDirectoryProjector.PROCESSOR)
final class NodeDirectoryProjector {

    static final String PROCESSOR = "node-directory";

    private final JdbcNodeDirectory directory;

    NodeDirectoryProjector(JdbcNodeDirectory directory) {
        this.directory = directory;
    }

    /** Applies one node event of any type; others are ignored. The start-up backfill replays history through it. */
    void project(Object event) {
        if (event instanceof NodeRegistered registered) {
            on(registered);
        } else if (event instanceof NodeActivated activated) {
            on(activated);
        } else if (event instanceof NodeDeactivated deactivated) {
            on(deactivated);
        } else if (event instanceof NodeMaintenanceEntered entered) {
            on(entered);
        } else if (event instanceof NodeMaintenanceExited exited) {
            on(exited);
        } else if (event instanceof NodeDeregistered deregistered) {
            on(deregistered);
        }
    }

    @EventHandler
    void on(NodeRegistered event) {
        directory.register(new NodeDirectory.Entry(event.getNodeId(), NodeStatus.INACTIVE, event.getPublicKey(),
                event.getWalletAddress()));
    }

    @EventHandler
    void on(NodeActivated event) {
        directory.setStatus(event.getNodeId(), NodeStatus.ACTIVE);
    }

    @EventHandler
    void on(NodeDeactivated event) {
        directory.setStatus(event.getNodeId(), NodeStatus.INACTIVE);
    }

    @EventHandler
    void on(NodeMaintenanceEntered event) {
        directory.setStatus(event.getNodeId(), NodeStatus.MAINTENANCE);
    }

    @EventHandler
    void on(NodeMaintenanceExited event) {
        directory.setStatus(event.getNodeId(), NodeStatus.ACTIVE);
    }

    @EventHandler
    void on(NodeDeregistered event) {
        directory.setStatus(event.getNodeId(), NodeStatus.DEREGISTERED);
    }
}
