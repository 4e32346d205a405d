package io.lucid.command.node;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** ACTIVE -> INACTIVE: the node leaves its pool (DOMAIN.md section 4). */
public record DeactivateNodeCommand(@TargetAggregateIdentifier String nodeId) {
}
