package io.lucid.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeRegistered;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "lucid.node.events";

    @Test
    void serdeRoundTripsThroughKafkasInterfaces() {
        Serde<SpecificRecord> serde = new AvroSerde<>(SchemaRegistryClient.inMemory(UUID.randomUUID().toString()));

        byte[] data = serde.serializer().serialize(TOPIC, TestEvents.nodeRegistered());

        assertThat(serde.deserializer().deserialize(TOPIC, data)).isEqualTo(TestEvents.nodeRegistered());
    }

    @Test
    void serializerAndDeserializerBuiltByNameReadTheRegistryUrlFromTheirConfig() {
        Map<String, String> config = Map.of(AvroSerializer.REGISTRY_URL_CONFIG, "mock://" + UUID.randomUUID());
        AvroSerializer<NodeRegistered> serializer = new AvroSerializer<>();
        AvroDeserializer<NodeRegistered> deserializer = new AvroDeserializer<>();
        serializer.configure(config, false);
        deserializer.configure(config, false);

        byte[] data = serializer.serialize(TOPIC, TestEvents.nodeRegistered());

        assertThat(deserializer.deserialize(TOPIC, data)).isEqualTo(TestEvents.nodeRegistered());
    }

    @Test
    void configureWithoutRegistryUrlFails() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void nullStaysNullBothWays() {
        Serde<SpecificRecord> serde = new AvroSerde<>(SchemaRegistryClient.inMemory(UUID.randomUUID().toString()));

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }
}
