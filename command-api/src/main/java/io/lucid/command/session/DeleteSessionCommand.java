package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a session in any state but RECORDING or PAUSED. */
public record DeleteSessionCommand(@TargetAggregateIdentifier String sessionId) {
}
