package io.lucid.projections.engine;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.schemas.deadletter.DeadLetterRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the records a projection cannot apply to {@code lucid.deadletter}, with the reason in the headers. The
 * letters of a batch are acknowledged by the broker before the batch (and the offset past them) commits, so a record
 * is never both skipped and unrecorded; a crash in between may send a letter twice.
 */
final class DeadLetterSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
    private static final long ACK_TIMEOUT_MS = 30_000;

    /** A record given up on, and why. */
    record Letter(ConsumerRecord<String, byte[]> record, String errorType, String reason) {
    }

    private final Producer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> serializer;
    private final String consumer;

    DeadLetterSink(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer, String consumer) {
        this.producer = producer;
        this.serializer = serializer;
        this.consumer = consumer;
    }

    /**
     * Sends the letters and waits for the broker.
     *
     * @throws DeadLetterUnavailableException when a letter could not be acknowledged (the batch must roll back)
     */
    void send(List<Letter> letters) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            ConsumerRecord<String, byte[]> record = letter.record();
            DeadLetterRecords.Source source = new DeadLetterRecords.Source(record.topic(), record.partition(),
                    record.offset(), record.timestamp(),
                    record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    record.value(), record.headers());
            LOG.warn("Projection {} dead-letters {}: {}: {}", consumer, source.position(), letter.errorType(),
                    letter.reason());
            sends.add(producer.send(DeadLetterRecords.of(source, consumer, letter.errorType(), letter.reason(),
                    serializer)));
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new DeadLetterUnavailableException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterUnavailableException(e);
            }
        }
    }

    /** The dead-letter topic could not take a letter: the batch is retried later, nothing is skipped. */
    static final class DeadLetterUnavailableException extends RuntimeException {
        DeadLetterUnavailableException(Exception cause) {
            super("dead-letter topic unavailable: " + cause, cause);
        }
    }
}
