package io.lucid.command.node;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Any state but DEREGISTERED -> DEREGISTERED, for good; an optional reason of at most 500 characters. */
public record DeregisterNodeCommand(@TargetAggregateIdentifier String nodeId, @Nullable String reason) {
}
