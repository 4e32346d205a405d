package io.lucid.command.node;

import io.lucid.command.axon.AxonModule;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * The Node aggregate, the claims its registration handler takes, and the node directory's projector in a
 * subscribing processor of its own (so it runs in the command's transaction, and its failure fails the command).
 * Loads are filtered by aggregate type: a node command aimed at another aggregate's id is a 404.
 */
@Singleton
final class NodeAxonModule implements AxonModule {

    private final NodeClaims claims;
    private final NodeDirectoryProjector projector;

    NodeAxonModule(NodeClaims claims, NodeDirectoryProjector projector) {
        this.claims = claims;
        this.projector = projector;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(NodeClaims.class, c -> claims)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Node.class)
                        .configureFilterEventsByType(c -> true))
                .eventProcessing(processing -> processing
                        .registerSubscribingEventProcessor(NodeDirectoryProjector.PROCESSOR)
                        .registerEventHandler(c -> projector)
                        .registerListenerInvocationErrorHandler(NodeDirectoryProjector.PROCESSOR,
                                c -> PropagatingErrorHandler.instance()));
    }
}
