package io.lucid.command.node;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** INACTIVE -> ACTIVE: the node may join a pool (DOMAIN.md section 4). */
public record ActivateNodeCommand(@TargetAggregateIdentifier String nodeId) {
}
