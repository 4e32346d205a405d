package io.lucid.command.axon;

import org.axonframework.config.Configurer;

/**
 * A domain's contribution to the Axon configuration: its aggregates, the components its handlers take as
 * parameters, its sagas or event processors. Every Micronaut bean of this type is applied by
 * {@link AxonFactory}, so adding a domain touches no shared wiring.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
