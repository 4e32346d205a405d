package io.lucid.command.pairing;

import io.lucid.command.axon.AxonModule;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** The Pairing and Device aggregates and the components their handlers take as parameters. */
@Singleton
final class PairingAxonModule implements AxonModule {

    private final PairingSettings settings;
    private final PairingDeadlines deadlines;
    private final DeviceRevocations revocations;

    PairingAxonModule(PairingSettings settings, PairingDeadlines deadlines, DeviceRevocations revocations) {
        this.settings = settings;
        this.deadlines = deadlines;
        this.revocations = revocations;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(PairingSettings.class, c -> settings)
                .registerComponent(PairingDeadlines.class, c -> deadlines)
                .registerComponent(DeviceRevocations.class, c -> revocations)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Pairing.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Device.class));
    }
}
