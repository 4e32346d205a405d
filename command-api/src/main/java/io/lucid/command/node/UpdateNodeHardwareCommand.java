package io.lucid.command.node;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare new hardware, re-validated with the bounds of registration; allowed in every state but DEREGISTERED. */
public record UpdateNodeHardwareCommand(@TargetAggregateIdentifier String nodeId, @Nullable RegisterNodeCommand.Hardware hardware) {
}
