package io.lucid.command.payout;

import io.lucid.command.node.NodeDirectory;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.web.Commands;
import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topics;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link PayoutProcessManager} does with one record of {@code lucid.payout.calculations}: a
 * {@code PayoutCalculated} becomes CreatePayout (actor {@code system:payout-process-manager}, causation id = the
 * record's {@code ce_id}, correlation id carried over); a {@code RewardCalculated} concerns balances only and is
 * passed over. Returns normally when the record is dealt with for good (including when it went to the dead-letter
 * topic); throws when it should be tried again.
 */
@Singleton
final class PayoutCalculationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutCalculationHandler.class);

    private final Commands commands;
    private final NodeDirectory directory;
    private final AvroWireFormat wireFormat;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Clock clock;

    PayoutCalculationHandler(Commands commands, NodeDirectory directory, SchemaRegistryClient registry,
            KafkaProducer<String, SpecificRecord> producer, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.wireFormat = new AvroWireFormat(registry);
        this.producer = producer;
        this.clock = clock;
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        SpecificRecord value;
        try {
            value = record.value() == null ? null : wireFormat.deserialize(record.topic(), record.value());
        } catch (SerializationException | AvroRuntimeException e) {
            deadLetter(record, e);
            return;
        }
        if (!(value instanceof PayoutCalculated calculation)) {
            return; // RewardCalculated and anything newer: not a payout
        }
        if (!PayoutIds.isPayoutId(calculation.getPayoutId())) {
            deadLetter(record, new IllegalArgumentException("payout id " + calculation.getPayoutId()
                    + " is not payout_{epoch}_{node_id}"));
            return;
        }
        CreatePayoutCommand command = new CreatePayoutCommand(calculation.getPayoutId(), calculation.getEpoch(),
                calculation.getNodeId(), calculation.getGross(), calculation.getFee(), calculation.getNet(),
                directory.find(calculation.getNodeId()).map(NodeDirectory.Entry::walletAddress).orElse(null));
        try {
            commands.send(command, provenance(record), PayoutProcessManager.principal());
        } catch (CommandRejectedException e) {
            if (e.status() >= 500) {
                throw e;
            }
            deadLetter(record, e); // the calculation contradicts itself: no retry will ever make it a payout
        }
    }

    private static CommandProvenance provenance(ConsumerRecord<String, byte[]> record) {
        String eventId = header(record, CloudEventHeaders.ID);
        String causation = eventId != null ? eventId : record.topic() + ":" + record.partition() + ":" + record.offset();
        String correlation = header(record, CloudEventHeaders.CORRELATION_ID);
        // The payout continues the trace of the calculation that caused it; one without a trace starts one.
        io.lucid.schemas.trace.TraceContext cause = io.lucid.schemas.trace.TraceContext.from(record.headers());
        return new CommandProvenance(PayoutProcessManager.principal().subject(),
                correlation != null ? correlation : causation, causation,
                cause != null ? cause.child(causation) : io.lucid.schemas.trace.TraceContext.newTrace());
    }

    /** Parks the record with its original bytes and the error; waits for the broker, so no record is lost. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
        LOG.warn("payout calculation {}:{}:{} cannot become a payout: {}", record.topic(), record.partition(),
                record.offset(), error.toString());
        Map<String, ByteBuffer> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), ByteBuffer.wrap(header.value() == null ? new byte[0] : header.value()));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers)
                .setConsumer(PayoutProcessManager.GROUP_ID)
                .setErrorType(error.getClass().getSimpleName())
                .setErrorMessage(String.valueOf(error.getMessage()))
                .setSourceTimestamp(record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()))
                .setFailedAt(clock.instant())
                .build();
        String key = record.topic() + ":" + record.partition() + ":" + record.offset();
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), key, letter)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a payout calculation", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not park payout calculation " + key, e.getCause());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
