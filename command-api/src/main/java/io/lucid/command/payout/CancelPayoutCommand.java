package io.lucid.command.payout;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PENDING -> CANCELLED: the gross goes back to the node's balance (the stream processors apply it). */
public record CancelPayoutCommand(@TargetAggregateIdentifier String payoutId, @Nullable String reason) {
}
