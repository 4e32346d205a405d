package io.lucid.command.payout;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PROCESSING -> FAILED with the reason the transfer failed. */
public record FailPayoutCommand(@TargetAggregateIdentifier String payoutId, @Nullable String reason) {
}
