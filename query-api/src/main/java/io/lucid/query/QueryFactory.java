package io.lucid.query;

import io.lucid.query.live.FrameCodec;
import io.lucid.query.live.LiveUpdates;
import io.lucid.query.live.SubscriptionRegistry;
import io.lucid.query.node.NodeReader;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Wires the framework-free classes of the live protocol into the application context. */
@Factory
public class QueryFactory {

    @Singleton
    FrameCodec frameCodec(JsonMapper json) {
        return new FrameCodec(json);
    }

    @Singleton
    SubscriptionRegistry subscriptionRegistry() {
        return new SubscriptionRegistry();
    }

    @Singleton
    LiveUpdates liveUpdates(SubscriptionRegistry registry, NodeReader nodes) {
        return new LiveUpdates(registry, nodes);
    }
}
