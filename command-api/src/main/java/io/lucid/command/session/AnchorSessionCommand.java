package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Anchor a processed session: PROCESSED -> ANCHORED, exactly once. */
public record AnchorSessionCommand(@TargetAggregateIdentifier String sessionId, AnchorSessionRequest anchor) {
}
