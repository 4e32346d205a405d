package io.lucid.command.rdp;

import io.lucid.command.axon.AxonModule;
import io.lucid.command.axon.StrongLruCache;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/**
 * The RdpServer aggregate and what its handlers take: the port and quota slots. At most a hundred servers live
 * at once, so all of them stay cached. Loads are filtered by aggregate type: an RDP command aimed at another
 * aggregate's UUID is a 404, never an attempt to replay foreign events into an RdpServer.
 */
@Singleton
final class RdpAxonModule implements AxonModule {

    static final int CACHED_SERVERS = 1024;

    private final RdpServerSlots slots;

    RdpAxonModule(RdpServerSlots slots) {
        this.slots = slots;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(RdpServerSlots.class, c -> slots)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RdpServer.class)
                        .configureCache(c -> new StrongLruCache(CACHED_SERVERS))
                        .configureFilterEventsByType(c -> true));
    }
}
