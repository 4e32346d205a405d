package io.lucid.schemas.serde;

import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Confluent-wire-format Avro serde of the topic catalogue: serializer and deserializer share one
 * {@link AvroWireFormat}, so a schema registered on write is known on read without a registry call.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    public AvroSerde(SchemaRegistryClient registry) {
        this(new AvroWireFormat(registry));
    }

    public AvroSerde(AvroWireFormat format) {
        this.serializer = new AvroSerializer<>(format);
        this.deserializer = new AvroDeserializer<>(format);
    }

    /** Nothing to configure: the registry was given at construction. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
