package io.lucid.command.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Idempotency configuration ({@code lucid.idempotency.*}).
 *
 * @param retention       how long a key is remembered (24h, as Stripe does)
 * @param inFlightTimeout after this, a claim whose request never finished (a crashed instance) may be taken over (60s)
 */
@ConfigurationProperties("lucid.idempotency")
public record IdempotencySettings(
        @Bindable(defaultValue = "24h") Duration retention,
        @Bindable(defaultValue = "60s") Duration inFlightTimeout) {
}
