package io.lucid.command.kafka;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients command-api shares: one schema-registry client and one producer for everything it sends
 * straight to Kafka (telemetry). The producer is idempotent with {@code acks=all} and {@code linger.ms=0}: a report
 * is answered 202 only once every in-sync replica has it, and nothing waits for a batch to fill. It is created on
 * first use, so command-api starts (and reports DOWN) without a broker.
 */
@Factory
final class KafkaFactory {

    @Singleton
    SchemaRegistryClient schemaRegistry(KafkaSettings settings) {
        return SchemaRegistryClient.connect(settings.schemaRegistryUrl());
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaProducer<String, SpecificRecord> producer(KafkaSettings settings, SchemaRegistryClient registry) {
        int timeoutMs = Math.toIntExact(settings.kafkaSendTimeout().toMillis());
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "lucid-command-api",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Fail a report within the send timeout when the broker is gone, instead of Kafka's 60 s / 120 s.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        return new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(registry));
    }
}
