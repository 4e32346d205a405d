package io.lucid.query;

import io.lucid.query.live.LiveLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * query-api's own settings ({@code lucid.*} in application.yml, each set from a {@code LUCID_*} variable).
 *
 * @param kafkaBootstrap      Kafka bootstrap servers (view changes, health)
 * @param schemaRegistryUrl   schema registry of the view-change records
 * @param wsQueueCapacity     pending frames per WebSocket connection before it is closed as a slow consumer
 * @param liveUpdates         whether to consume view changes (off in tests without Kafka)
 * @param readSchema          the read schema the projections write ({@code LUCID_READ_SCHEMA})
 * @param readYourWritesWait  how long a read given a position waits for its view to apply it
 * @param dedupeRetention     the projections' deduplication retention: older positions count as applied
 * @param commandApiUrl       command-api, which completes the pairings of {@code pair} frames
 * @param wsSlowClientGrace   how long a WebSocket send queue may stay full before the client is closed as slow
 * @param wsMaxSubscriptions  subscriptions one WebSocket connection may hold
 * @param wsMaxConnectionsPerPrincipal authenticated WebSocket connections one token subject may hold
 * @param wsAuthTimeout       how long a WebSocket connection may stay unauthenticated
 * @param wsIdleTimeout       how long a WebSocket connection may stay silent (no frame, no pong)
 * @param wsHeartbeat         how often the server pings every WebSocket connection
 * @param wsMaxMessageBytes   largest client WebSocket message, after permessage-deflate decompression
 * @param wsHistory           changes of the feed kept per partition for resumes ({@code since})
 * @param wsSendBuffer        the kernel send buffer of each connection (SO_SNDBUF), fixed rather than autotuned
 */
@ConfigurationProperties("lucid")
public record QueryConfig(
        @Bindable(defaultValue = "127.0.0.1:9092") String kafkaBootstrap,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String schemaRegistryUrl,
        @Bindable(defaultValue = "256") int wsQueueCapacity,
        @Bindable(defaultValue = "true") boolean liveUpdates,
        @Bindable(defaultValue = "read") String readSchema,
        @Bindable(defaultValue = "2s") Duration readYourWritesWait,
        @Bindable(defaultValue = "7d") Duration dedupeRetention,
        @Bindable(defaultValue = "http://127.0.0.1:8080") String commandApiUrl,
        @Bindable(defaultValue = "2s") Duration wsSlowClientGrace,
        @Bindable(defaultValue = "100") int wsMaxSubscriptions,
        @Bindable(defaultValue = "20") int wsMaxConnectionsPerPrincipal,
        @Bindable(defaultValue = "5s") Duration wsAuthTimeout,
        @Bindable(defaultValue = "60s") Duration wsIdleTimeout,
        @Bindable(defaultValue = "20s") Duration wsHeartbeat,
        @Bindable(defaultValue = "65536") int wsMaxMessageBytes,
        @Bindable(defaultValue = "10000") int wsHistory,
        @Bindable(defaultValue = "65536") int wsSendBuffer) {

    /** The bounds of the live protocol. */
    public LiveLimits liveLimits() {
        return new LiveLimits(wsQueueCapacity, wsSlowClientGrace, wsMaxSubscriptions, wsMaxConnectionsPerPrincipal,
                wsAuthTimeout, wsIdleTimeout, wsHeartbeat, wsMaxMessageBytes);
    }

    public QueryConfig {
        if (readSchema == null || !readSchema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("LUCID_READ_SCHEMA must be a lower-case SQL identifier: " + readSchema);
        }
    }
}
