package io.lucid.query;

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
 */
@ConfigurationProperties("lucid")
public record QueryConfig(
        @Bindable(defaultValue = "127.0.0.1:9092") String kafkaBootstrap,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String schemaRegistryUrl,
        @Bindable(defaultValue = "256") int wsQueueCapacity,
        @Bindable(defaultValue = "true") boolean liveUpdates,
        @Bindable(defaultValue = "read") String readSchema,
        @Bindable(defaultValue = "2s") Duration readYourWritesWait,
        @Bindable(defaultValue = "7d") Duration dedupeRetention) {

    public QueryConfig {
        if (readSchema == null || !readSchema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("LUCID_READ_SCHEMA must be a lower-case SQL identifier: " + readSchema);
        }
    }
}
