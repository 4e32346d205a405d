package io.lucid.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lucid.schemas.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeserializationFailureTest {

    @Test
    void namesSchemaIdTopicPartitionAndOffsetInOneLine() {
        byte[] data = {0, 0, 0, 0x30, 0x39, 2, 'x'};
        AvroDeserializer<?> deserializer = new AvroDeserializer<>(SchemaRegistryClient.inMemory(UUID.randomUUID().toString()));
        SerializationException cause = catchThrowableOfType(SerializationException.class,
                () -> deserializer.deserialize("lucid.node.events", data));
        // What Kafka's consumer throws around the deserializer's error.
        RecordDeserializationException wrapped = new RecordDeserializationException(DeserializationExceptionOrigin.VALUE,
                new TopicPartition("lucid.node.events", 3), 17, 0L, TimestampType.CREATE_TIME, null,
                ByteBuffer.wrap(data), new RecordHeaders(),
                "Error deserializing VALUE for partition lucid.node.events-3 at offset 17", cause);

        assertThat(DeserializationFailure.describe(wrapped))
                .startsWith("Cannot deserialize the value at lucid.node.events-3 offset 17: ")
                .contains("Unknown schema id 12345")
                .contains("topic lucid.node.events");
    }
}
