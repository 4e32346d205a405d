package io.lucid.command.node;

import io.lucid.command.axon.AxonModule;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** The Node aggregate and the claims its registration handler takes. */
@Singleton
final class NodeAxonModule implements AxonModule {

    private final NodeClaims claims;

    NodeAxonModule(NodeClaims claims) {
        this.claims = claims;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(NodeClaims.class, c -> claims)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Node.class));
    }
}
