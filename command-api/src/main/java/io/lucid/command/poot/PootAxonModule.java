package io.lucid.command.poot;

import io.lucid.command.axon.AxonModule;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.Configurer;

/**
 * The TaskProof aggregate and the rules its handler takes. No cache: proofs are created, almost never loaded
 * again (only for a resubmission). No in-JVM locks: a proof never changes after its one event, and two writers
 * creating or comparing the same ids in different orders would otherwise deadlock on Axon's pessimistic locks;
 * the event store's unique key alone decides who stored a proof first (docs/adr/0041). Loads are filtered by
 * aggregate type, so a proof id never replays another aggregate's events.
 */
@Singleton
final class PootAxonModule implements AxonModule {

    private final ProofAdmission admission;

    PootAxonModule(ProofAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(ProofAdmission.class, c -> admission)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TaskProof.class)
                        .configureLockFactory(c -> NullLockFactory.INSTANCE)
                        .configureFilterEventsByType(c -> true));
    }
}
