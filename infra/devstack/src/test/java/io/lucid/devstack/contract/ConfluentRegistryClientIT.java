package io.lucid.devstack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confluent's own JavaScript client ({@code @confluentinc/schemaregistry}, {@code docs/examples/registry-node},
 * installed from npm by this test) registers, reads, evolves and deletes schemas through the stack's registry, is
 * refused an incompatible (409) and an invalid (42201) schema, and exchanges records with our Java serde in both
 * directions.
 */
class ConfluentRegistryClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack stack;
    private static Path example;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(NodeJs.available(), "node not found on the PATH: the Node.js contract tests need Node.js 18+ and npm");
        stack = TestStacks.get();
        example = NodeJs.install("registry-node");
    }

    @Test
    void confluentsClientWorksAgainstOurRegistryAndSharesRecordsWithOurSerde() throws Exception {
        String topic = "contract.confluent-client." + UUID.randomUUID();
        AvroWireFormat ours = new AvroWireFormat(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()));
        NodeRegistered fromJava = nodeRegistered();
        byte[] written = ours.serialize(topic, fromJava);
        Path schema = Repository.root().resolve("schemas/src/main/avro-released/v0.1.0/node/NodeRegistered.avsc");

        NodeJs.Result result = NodeJs.node(example, List.of("registry.js", "--registry",
                stack.schemaRegistryUrl().toString(), "--topic", topic, "--schema", schema.toString(),
                "--decode", HexFormat.of().formatHex(written)), 120);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode report = JSON.readTree(result.stdout());
        List<String> failed = StreamSupport.stream(report.get("checks").spliterator(), false)
                .filter(check -> !check.get("ok").asBoolean()).map(JsonNode::toString).toList();
        assertThat(failed).as("checks of the Confluent client that failed").isEmpty();
        assertThat(report.get("id").asInt()).as("the client found the id our serializer registered")
                .isEqualTo(AvroWireFormat.schemaId(written));

        JsonNode decodedByConfluent = report.get("decoded");
        assertThat(decodedByConfluent.get("node_id").asText()).isEqualTo(fromJava.getNodeId());
        assertThat(decodedByConfluent.at("/hardware/memory_bytes").asLong()).isEqualTo(fromJava.getHardware().getMemoryBytes());
        assertThat(decodedByConfluent.at("/hardware/gpu_model").asText()).isEqualTo("A100");
        assertThat(decodedByConfluent.get("registered_at").asLong()).isEqualTo(fromJava.getRegisteredAt().toEpochMilli());

        NodeRegistered fromJavaScript = ours.deserialize(topic, HexFormat.of().parseHex(report.get("encoded").asText()));
        assertThat(fromJavaScript.getNodeId()).isEqualTo("node_from_javascript");
        assertThat(fromJavaScript.getNodeType()).isEqualTo(NodeType.storage);
        assertThat(fromJavaScript.getHardware().getStorageType()).isEqualTo(StorageType.HDD);
        assertThat(fromJavaScript.getHardware().getGpuModel()).isNull();
        assertThat(fromJavaScript.getLocation().getCountry()).isEqualTo("FR");
        assertThat(fromJavaScript.getRegisteredAt()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_123L));
    }

    private static NodeRegistered nodeRegistered() {
        return NodeRegistered.newBuilder()
                .setNodeId("node_from_java")
                .setName("from-java")
                .setNodeType(NodeType.compute)
                .setHardware(NodeHardware.newBuilder().setCpuCores(64).setMemoryBytes(512L << 30)
                        .setStorageBytes(20L << 40).setStorageType(StorageType.NVMe).setNetworkMbps(10_000)
                        .setGpuModel("A100").build())
                .setLocation(NodeLocation.newBuilder().setCountry("US").setRegion("us-east").build())
                .setWalletAddress("TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz")
                .setPublicKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .setRegisteredAt(Instant.ofEpochMilli(1_767_225_600_456L))
                .build();
    }
}
