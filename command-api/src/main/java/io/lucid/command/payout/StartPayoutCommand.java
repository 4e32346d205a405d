package io.lucid.command.payout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PENDING -> PROCESSING: the payment operator began the transfer. */
public record StartPayoutCommand(@TargetAggregateIdentifier String payoutId) {
}
