package io.lucid.command.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Rate limits ({@code lucid.rate-limits.*}): requests allowed per {@code period} (1 minute) for each key.
 *
 * @param enabled           switch for load tests (true)
 * @param pairingCompletion per pairing (10)
 * @param pairingCompletionPerAddress per client address, over all pairings (10)
 * @param taskProofs        per node (1000)
 * @param commands          per token for every other command (1000)
 * @param anonymous         per client address, for requests without a token or with a refused one (60)
 * @param period            the window the limits refill over (1m)
 */
@ConfigurationProperties("lucid.rate-limits")
public record RateLimitSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "10") long pairingCompletion,
        @Bindable(defaultValue = "10") long pairingCompletionPerAddress,
        @Bindable(defaultValue = "1000") long taskProofs,
        @Bindable(defaultValue = "1000") long commands,
        @Bindable(defaultValue = "60") long anonymous,
        @Bindable(defaultValue = "1m") Duration period) {
}
