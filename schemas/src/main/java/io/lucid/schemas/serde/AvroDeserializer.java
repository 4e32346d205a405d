package io.lucid.schemas.serde;

import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of records in the Confluent wire format into their generated Avro classes. Built with a
 * registry client, or by Kafka from its class name, in which case {@link #configure} reads
 * {@value AvroSerializer#REGISTRY_URL_CONFIG}.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private AvroWireFormat format;

    /** For Kafka, which instantiates the class by name and then calls {@link #configure}. */
    public AvroDeserializer() {
    }

    public AvroDeserializer(SchemaRegistryClient registry) {
        this(new AvroWireFormat(registry));
    }

    AvroDeserializer(AvroWireFormat format) {
        this.format = format;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (format == null) {
            format = new AvroWireFormat(SchemaRegistryClient.connect(AvroSerializer.registryUrl(configs)));
        }
    }

    /** A null value stays null: it is a tombstone on a compacted topic, not a record. */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (format == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: set "
                    + AvroSerializer.REGISTRY_URL_CONFIG);
        }
        return format.deserialize(topic, data);
    }
}
