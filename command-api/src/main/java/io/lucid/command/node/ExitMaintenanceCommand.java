package io.lucid.command.node;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** MAINTENANCE -> ACTIVE. */
public record ExitMaintenanceCommand(@TargetAggregateIdentifier String nodeId) {
}
