package io.lucid.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.serde.AvroWireFormat;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The project's Avro serde through this registry over HTTP, as producers and consumers will use it. */
class WireFormatOverHttpTest {

    private static final String TOPIC = "lucid.node.events";

    private final RegistryServer server = RegistryServer.startInMemory(0);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void producerAndConsumerWithSeparateClientsRoundTripARecord() {
        Serde<SpecificRecord> producerSide = new AvroSerde<>(SchemaRegistryClient.connect(server.uri().toString()));
        Serde<SpecificRecord> consumerSide = new AvroSerde<>(SchemaRegistryClient.connect(server.uri().toString()));
        NodeRegistered event = nodeRegistered();

        byte[] data = producerSide.serializer().serialize(TOPIC, event);

        assertThat(consumerSide.deserializer().deserialize(TOPIC, data)).isEqualTo(event);
        assertThat(new Http(server.uri()).get("/subjects").json().get(0).asText())
                .isEqualTo("lucid.node.events-io.lucid.events.node.NodeRegistered");
    }

    @Test
    void unknownSchemaIdFailsNamingIdAndTopic() {
        AvroWireFormat format = new AvroWireFormat(SchemaRegistryClient.connect(server.uri().toString()));

        assertThatThrownBy(() -> format.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 42, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 42").hasMessageContaining(TOPIC);
    }

    @Test
    void incompatibleEvolutionIsRefusedAtSerialization() {
        String subject = AvroWireFormat.subject(TOPIC, NodeRegistered.getClassSchema());
        new Http(server.uri()).registerSchema(subject,
                "{\"type\":\"record\",\"name\":\"NodeRegistered\",\"namespace\":\"io.lucid.events.node\","
                        + "\"fields\":[{\"name\":\"node_id\",\"type\":\"int\"}]}");
        AvroWireFormat format = new AvroWireFormat(SchemaRegistryClient.connect(server.uri().toString()));

        assertThatThrownBy(() -> format.serialize(TOPIC, nodeRegistered()))
                .isInstanceOf(SerializationException.class).hasMessageContaining(subject);
    }

    @Test
    void kafkaConfiguredSerializerReadsTheRegistryUrl() {
        var serializer = new io.lucid.schemas.serde.AvroSerializer<NodeRegistered>();
        serializer.configure(Map.of("schema.registry.url", server.uri().toString()), false);

        assertThat(AvroWireFormat.schemaId(serializer.serialize(TOPIC, nodeRegistered()))).isEqualTo(1);
    }

    private static NodeRegistered nodeRegistered() {
        return NodeRegistered.newBuilder()
                .setNodeId("node_beta-02").setName("beta-02").setNodeType(NodeType.storage)
                .setHardware(NodeHardware.newBuilder().setCpuCores(4).setMemoryBytes(8L << 30)
                        .setStorageBytes(1L << 40).setStorageType(StorageType.HDD).setNetworkMbps(100).build())
                .setLocation(NodeLocation.newBuilder().setCountry("FR").setRegion("IDF").build())
                .setWalletAddress("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")
                .setPublicKey("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")
                .setRegisteredAt(Instant.parse("2026-02-01T08:00:00Z"))
                .build();
    }
}
