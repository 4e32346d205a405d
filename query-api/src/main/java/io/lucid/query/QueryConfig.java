package io.lucid.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * query-api's own settings ({@code lucid.*} in application.yml, each set from a {@code LUCID_*} variable).
 *
 * @param kafkaBootstrap    Kafka bootstrap servers (view changes, health)
 * @param schemaRegistryUrl schema registry of the view-change records
 * @param wsQueueCapacity   pending frames per WebSocket connection before it is closed as a slow consumer
 * @param liveUpdates       whether to consume view changes (off in tests without Kafka)
 */
@ConfigurationProperties("lucid")
public record QueryConfig(
        @Bindable(defaultValue = "127.0.0.1:9092") String kafkaBootstrap,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String schemaRegistryUrl,
        @Bindable(defaultValue = "256") int wsQueueCapacity,
        @Bindable(defaultValue = "true") boolean liveUpdates) {
}
