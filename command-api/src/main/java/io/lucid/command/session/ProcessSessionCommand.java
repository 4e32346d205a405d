package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Seal a stopped session: STOPPED with at least one chunk -> PROCESSED, with its Merkle root and manifest hash. */
public record ProcessSessionCommand(@TargetAggregateIdentifier String sessionId) {
}
