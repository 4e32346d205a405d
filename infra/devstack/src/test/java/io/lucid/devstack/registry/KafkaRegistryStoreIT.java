package io.lucid.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.registry.Compatibility;
import io.lucid.registry.RegistryConfig;
import io.lucid.registry.RegistryServer;
import io.lucid.schemas.registry.CompatibilityLevel;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The registry's Kafka-backed store on the real broker: its log topic, one id under concurrent registration,
 * and the state (ids, versions, per-subject compatibility) surviving a restart. Each test uses a log topic of
 * its own, so it never disturbs the stack's registry.
 */
class KafkaRegistryStoreIT {

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Probe","namespace":"io.lucid.it","fields":[{"name":"a","type":"string"}]}""");
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Probe","namespace":"io.lucid.it","fields":[{"name":"a","type":"string"},
             {"name":"b","type":"int","default":0}]}""");

    private final TestStack stack = TestStacks.get();

    private RegistryServer start(String topic) {
        return RegistryServer.start(new RegistryConfig(0, stack.kafkaBootstrap(), topic, Compatibility.BACKWARD_TRANSITIVE,
                "127.0.0.1", (short) 1, RegistryConfig.DEFAULT_THREADS));
    }

    @Test
    void createsItsLogTopicCompactedWithOnePartition() throws Exception {
        String topic = "_schemas_it_" + UUID.randomUUID();
        try (RegistryServer ignored = start(topic); Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void concurrentRegistrationsOfOneSchemaGetOneId() throws Exception {
        String topic = "_schemas_it_" + UUID.randomUUID();
        try (RegistryServer server = start(topic)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> ids = IntStream.range(0, 16)
                        .mapToObj(i -> pool.submit(() -> SchemaRegistryClient.connect(server.uri().toString()).register("probe-value", V1)))
                        .toList();
                Set<Integer> distinct = ids.stream().map(KafkaRegistryStoreIT::get).collect(Collectors.toSet());
                assertThat(distinct).hasSize(1);
                assertThat(SchemaRegistryClient.connect(server.uri().toString()).versions("probe-value")).containsExactly(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void restartRestoresIdsVersionsAndSubjectCompatibility() {
        String topic = "_schemas_it_" + UUID.randomUUID();
        int id1;
        int id2;
        try (RegistryServer server = start(topic)) {
            SchemaRegistryClient client = SchemaRegistryClient.connect(server.uri().toString());
            id1 = client.register("probe-value", V1);
            id2 = client.register("probe-value", V2);
            client.setCompatibility("probe-value", CompatibilityLevel.FULL);
        }
        try (RegistryServer server = start(topic)) {
            SchemaRegistryClient client = SchemaRegistryClient.connect(server.uri().toString());
            assertThat(client.schemaById(id1)).isEqualTo(V1);
            assertThat(client.schemaById(id2)).isEqualTo(V2);
            assertThat(client.versions("probe-value")).containsExactly(1, 2);
            assertThat(client.compatibility("probe-value")).contains(CompatibilityLevel.FULL);
            Schema v3 = new Schema.Parser().parse(V2.toString().replace("\"b\"", "\"c\""));
            assertThat(client.register("probe-other-value", v3)).isGreaterThan(id2);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        return Admin.create(props);
    }

    private static Integer get(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
