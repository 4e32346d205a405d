package io.lucid.command.payout;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PROCESSING -> COMPLETED with the transfer's transaction hash. */
public record CompletePayoutCommand(@TargetAggregateIdentifier String payoutId, @Nullable String txHash) {
}
