package io.lucid.command.payout;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create the payout a {@code PayoutCalculated} record asks for; sent by the {@link PayoutProcessManager} only.
 * Creating a payout that exists already is a no-op, so a redelivered calculation changes nothing.
 */
public record CreatePayoutCommand(
        @TargetAggregateIdentifier String payoutId, long epoch, String nodeId, long gross, long fee, long net,
        @Nullable String walletAddress) {
}
