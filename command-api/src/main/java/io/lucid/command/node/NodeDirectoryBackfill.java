package io.lucid.command.node;

import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the node directory, at start-up, for nodes registered before it existed (an event store that predates
 * migration V300): their events are replayed through the {@link NodeDirectoryProjector}. On an up-to-date store
 * it finds nothing to do with one query.
 */
@Context
final class NodeDirectoryBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectoryBackfill.class);
    private static final String MISSING =
            "SELECT c.node_id FROM node_claim c LEFT JOIN node_directory d ON d.node_id = c.node_id WHERE d.node_id IS NULL";

    NodeDirectoryBackfill(SynchronousTransactionManager<Connection> transactions, Configuration axon,
            NodeDirectoryProjector projector) {
        int filled = transactions.execute(TransactionDefinition.DEFAULT, status -> {
            List<String> missing = new ArrayList<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(MISSING);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getString(1));
                }
            }
            for (String nodeId : missing) {
                axon.eventStore().readEvents(nodeId).asStream().map(EventMessage::getPayload).forEach(projector::project);
            }
            return missing.size();
        });
        if (filled > 0) {
            LOG.info("node directory: filled {} nodes registered before it existed", filled);
        }
    }
}
