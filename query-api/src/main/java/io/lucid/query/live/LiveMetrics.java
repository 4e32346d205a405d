package io.lucid.query.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket's meters on query-api's {@code /metrics}: open connections, subscriptions, states coalesced in a
 * send queue (a slow client got the newest instead of every state), and frames dropped unsent when a connection
 * ended (closed as a slow consumer, revoked, or its socket failed). The counters are process-wide because every
 * connection's {@link SendQueue} adds to them. Bound once the context has started, not as a {@code MeterBinder} bean:
 * the registry binds those while the data source is created, and the connections need the data source
 * (revocations), which would make a cycle.
 */
@Singleton
final class LiveMetrics implements ApplicationEventListener<StartupEvent> {

    static final LongAdder COALESCED = new LongAdder();
    static final LongAdder DROPPED = new LongAdder();

    private final MeterRegistry registry;
    private final LiveConnections connections;
    private final SubscriptionRegistry subscriptions;

    LiveMetrics(MeterRegistry registry, LiveConnections connections, SubscriptionRegistry subscriptions) {
        this.registry = registry;
        this.connections = connections;
        this.subscriptions = subscriptions;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Gauge.builder("lucid.ws.connections", connections, LiveConnections::size)
                .description("open WebSocket connections").register(registry);
        Gauge.builder("lucid.ws.subscriptions", subscriptions, SubscriptionRegistry::size)
                .description("channel subscriptions of the open connections").register(registry);
        FunctionCounter.builder("lucid.ws.frames.coalesced", COALESCED, LongAdder::sum)
                .description("states replaced by a newer one before they were sent").register(registry);
        FunctionCounter.builder("lucid.ws.frames.dropped", DROPPED, LongAdder::sum)
                .description("frames pending when their connection ended").register(registry);
    }
}
