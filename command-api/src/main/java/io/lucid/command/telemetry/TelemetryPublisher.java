package io.lucid.command.telemetry;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topic;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends telemetry (heartbeats, RDP health reports) straight to its topic, with the CloudEvents headers the relay
 * puts on domain events, minus what only stored events have (sequence number, global index). The returned future
 * completes when the broker acknowledged the record (acks=all), or fails when it did not within the send timeout.
 */
@Singleton
final class TelemetryPublisher {

    private final KafkaProducer<String, SpecificRecord> producer;

    TelemetryPublisher(KafkaProducer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /**
     * @param source CloudEvents source: the kind of thing reporting ({@code node}, {@code rdpserver}), as the relay
     *               names aggregate types
     */
    <V extends SpecificRecord> CompletableFuture<Void> publish(Topic<String, V> topic, String key, V value, Instant time,
            String source, CommandProvenance provenance) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        add(headers, CloudEventHeaders.TYPE, value.getSchema().getFullName());
        add(headers, CloudEventHeaders.SOURCE, "/lucid/" + source);
        add(headers, CloudEventHeaders.SUBJECT, key);
        add(headers, CloudEventHeaders.TIME, time.toString());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.AVRO_CONTENT_TYPE);
        add(headers, CloudEventHeaders.ACTOR, provenance.actor());
        add(headers, CloudEventHeaders.CORRELATION_ID, provenance.correlationId());
        if (provenance.trace() != null) {
            provenance.trace().writeTo(headers); // telemetry skips the event store: the request's span goes on the record
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, time.toEpochMilli(), key, value, headers), (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) { // no metadata within max.block.ms, or the record could not be serialised
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
