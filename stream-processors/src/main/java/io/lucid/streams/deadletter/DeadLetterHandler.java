package io.lucid.streams.deadletter;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.schemas.deadletter.DeadLetterRecords;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bad records to {@code lucid.deadletter} and lets processing go on (Kafka Streams' dead-letter support,
 * KIP-1034: the dead letter is produced in the same transaction as the task's other output). Two kinds of bad
 * record end here:
 * <ul>
 *   <li>one that cannot be deserialized (this is the application's {@link DeserializationExceptionHandler});</li>
 *   <li>one that a processor rejected with a {@link ContractViolation} (this is its {@link ProcessingExceptionHandler}).</li>
 * </ul>
 * The dead letter keeps the record's original key and value bytes and headers, and says why in its fields and in
 * the {@link DeadLetterRecords} headers. Kafka Streams counts every record skipped this way in its task-level
 * {@code dropped-records-total} metric. Any other exception in a processor is a bug, not bad input: it stops the
 * application rather than let balances or pools be computed from a half-applied record.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private Serializer<DeadLetter> serializer;
    private String applicationId;

    @Override
    public void configure(Map<String, ?> configs) {
        Object url = configs.get(AvroSerializer.REGISTRY_URL_CONFIG);
        if (url == null) {
            throw new IllegalStateException(AvroSerializer.REGISTRY_URL_CONFIG + " is required by " + getClass().getName());
        }
        serializer = Topics.DEAD_LETTERS.valueSerde(SchemaRegistryClient.connect(url.toString())).serializer();
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        applicationId = id == null ? "stream-processors" : id.toString();
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.key(), record.value(),
                record.headers(), exception.getClass().getName(), exception.getMessage())));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (!(exception instanceof ContractViolation violation)) {
            log.error("{} failed on {}/{}@{}: not a contract violation, stopping", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), violation.code(), violation.getMessage())));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
            Headers headers, String errorType, String message) {
        String consumer = applicationId + "/" + context.processorNodeId();
        DeadLetterRecords.Source source = new DeadLetterRecords.Source(context.topic(), context.partition(),
                context.offset(), context.timestamp(), key, value, headers);
        log.warn("dead letter from {} at {}: {}: {}", consumer, source.position(), errorType,
                message == null ? errorType : message);
        return DeadLetterRecords.of(source, consumer, errorType, message, serializer);
    }
}
