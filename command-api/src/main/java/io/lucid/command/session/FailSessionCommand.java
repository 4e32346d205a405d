package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Fail a session from any non-terminal state (CREATED, RECORDING, PAUSED, STOPPED, PROCESSED). */
public record FailSessionCommand(@TargetAggregateIdentifier String sessionId, FailSessionRequest failure) {
}
