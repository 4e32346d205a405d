package io.lucid.command.node;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** ACTIVE -> MAINTENANCE, with an optional reason of at most 500 characters. */
public record EnterMaintenanceCommand(@TargetAggregateIdentifier String nodeId, @Nullable String reason) {
}
