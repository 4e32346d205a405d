package io.lucid.command.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where command-api's Kafka clients connect: the telemetry producer, the payout process manager's consumer and the
 * kit's health check. The keys ({@code lucid.kafka-bootstrap}, {@code lucid.schema-registry-url}) are spelt as in
 * query-api: one name per setting across the services.
 *
 * @param kafkaBootstrap    {@code LUCID_KAFKA_BOOTSTRAP} (127.0.0.1:9092)
 * @param schemaRegistryUrl {@code LUCID_SCHEMA_REGISTRY_URL} (http://127.0.0.1:8081)
 * @param kafkaSendTimeout  how long a telemetry report waits for the broker's acknowledgement before the client
 *                          gets 503 ({@code LUCID_KAFKA_SEND_TIMEOUT}, 5s)
 */
@ConfigurationProperties("lucid")
public record KafkaSettings(
        @Bindable(defaultValue = "127.0.0.1:9092") String kafkaBootstrap,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String schemaRegistryUrl,
        @Bindable(defaultValue = "5s") Duration kafkaSendTimeout) {
}
