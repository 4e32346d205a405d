package io.lucid.command.payout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** FAILED -> PENDING, at most {@value Payout#MAX_RETRIES} times per payout. */
public record RetryPayoutCommand(@TargetAggregateIdentifier String payoutId) {
}
