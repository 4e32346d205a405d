package io.lucid.streams.deadletter;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * the {@link DeadLetterHeaders}. Kafka Streams counts every record skipped this way in its task-level
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
        String reason = message == null ? errorType : message;
        String consumer = applicationId + "/" + context.processorNodeId();
        String source = context.topic() + "/" + context.partition() + "@" + context.offset();
        log.warn("dead letter from {} at {}: {}: {}", consumer, source, errorType, reason);
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(context.topic())
                .setSourcePartition(context.partition())
                .setSourceOffset(context.offset())
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headerMap(headers))
                .setConsumer(consumer)
                .setErrorType(errorType)
                .setErrorMessage(reason)
                .setSourceTimestamp(context.timestamp() < 0 ? null : Instant.ofEpochMilli(context.timestamp()))
                .setFailedAt(Instant.now())
                .build();
        String topic = Topics.DEAD_LETTERS.name();
        Headers out = new RecordHeaders();
        out.add(DeadLetterHeaders.ERROR_TYPE, utf8(errorType));
        out.add(DeadLetterHeaders.REASON, utf8(reason));
        out.add(DeadLetterHeaders.CONSUMER, utf8(consumer));
        out.add(DeadLetterHeaders.SOURCE, utf8(source));
        String letterKey = context.topic() + ":" + context.partition() + ":" + context.offset();
        return new ProducerRecord<>(topic, null, utf8(letterKey), serializer.serialize(topic, letter), out);
    }

    /** The last value of each header name, as the schema's map holds one value per name. */
    private static Map<String, ByteBuffer> headerMap(Headers headers) {
        Map<String, ByteBuffer> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                map.put(header.key(), ByteBuffer.wrap(header.value() == null ? new byte[0] : header.value()));
            }
        }
        return map;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
