package io.lucid.schemas.serde;

import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of generated Avro records in the Confluent wire format. Built with a registry client, or
 * by Kafka from its class name, in which case {@link #configure} reads {@value #REGISTRY_URL_CONFIG}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** The property name Confluent's serdes use, so existing client configurations carry over. */
    public static final String REGISTRY_URL_CONFIG = "schema.registry.url";

    private AvroWireFormat format;

    /** For Kafka, which instantiates the class by name and then calls {@link #configure}. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry) {
        this(new AvroWireFormat(registry));
    }

    AvroSerializer(AvroWireFormat format) {
        this.format = format;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (format == null) {
            format = new AvroWireFormat(SchemaRegistryClient.connect(registryUrl(configs)));
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (format == null) {
            throw new IllegalStateException("AvroSerializer is not configured: set " + REGISTRY_URL_CONFIG);
        }
        return format.serialize(topic, data);
    }

    static String registryUrl(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(REGISTRY_URL_CONFIG + " is required");
        }
        return url.toString();
    }
}
