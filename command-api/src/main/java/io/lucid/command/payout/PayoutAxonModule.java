package io.lucid.command.payout;

import io.lucid.command.axon.AxonModule;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/**
 * The Payout aggregate. Payouts are few (one per node and closed epoch) and short-lived: no cache, no snapshots.
 * Loads are filtered by aggregate type.
 */
@Singleton
final class PayoutAxonModule implements AxonModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Payout.class)
                .configureFilterEventsByType(c -> true));
    }
}
