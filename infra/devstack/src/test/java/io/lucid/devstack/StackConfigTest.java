package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedPorts() {
        StackConfig config = StackConfig.fromEnvironment(dir, false, Map.of());
        assertThat(config.pgPort()).isEqualTo(5433);
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.controllerPort()).isEqualTo(9093);
        assertThat(config.registryPort()).isEqualTo(8081);
        assertThat(config.commandPort()).isEqualTo(8080);
        assertThat(config.queryPort()).isEqualTo(8082);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/lucid");
        assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.dbUser()).isEqualTo("postgres");
        assertThat(config.dbPassword()).isEmpty();
        assertThat(config.durable()).isTrue();
        assertThat(config.skipped()).isEmpty();
        assertThat(config.brokerJvmOptions()).isEqualTo(StackConfig.BROKER_JVM_OPTIONS);
        assertThat(Files.isRegularFile(config.repoRoot().resolve("infra/kafka-broker/pom.xml"))).isTrue();
    }

    @Test
    void environmentOverridesPortsExternalsAndOptions() {
        StackConfig config = StackConfig.fromEnvironment(dir, true, Map.of(
                "LUCID_COMMAND_PORT", "18080",
                "LUCID_QUERY_PORT", "18082",
                "LUCID_DB_URL", "jdbc:postgresql://db.example:5432/lucid",
                "LUCID_DB_USER", "lucid",
                "LUCID_DB_PASSWORD", "s3cret",
                "LUCID_KAFKA_BOOTSTRAP", "kafka.example:9092",
                "LUCID_SCHEMA_REGISTRY_URL", "http://registry.example:8081",
                "LUCID_JWT_SECRET", "x".repeat(40),
                "LUCID_BROKER_JVM_OPTS", "-Xmx512m -XX:+UseG1GC",
                "LUCID_SKIP", "command-api, relay"));
        assertThat(config.fresh()).isTrue();
        assertThat(config.commandPort()).isEqualTo(18080);
        assertThat(config.queryPort()).isEqualTo(18082);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/lucid");
        assertThat(config.dbUser()).isEqualTo("lucid");
        assertThat(config.dbPassword()).isEqualTo("s3cret");
        assertThat(config.kafkaBootstrap()).isEqualTo("kafka.example:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry.example:8081");
        assertThat(config.jwtSecret()).contains("x".repeat(40));
        assertThat(config.brokerJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(config.skipped()).containsExactlyInAnyOrder("command-api", "relay");
    }

    @Test
    void aBadPortIsOneClearLine() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(dir, false, Map.of("LUCID_PG_PORT", "70000")))
                .isInstanceOf(StackException.class)
                .hasMessage("LUCID_PG_PORT=70000 is not a port number (1-65535)");
    }

    @Test
    void testConfigsUseDistinctFreePortsAndNothingExternal() {
        StackConfig config = StackConfig.forTests(dir);
        List<Integer> ports = List.of(config.pgPort(), config.kafkaPort(), config.controllerPort(),
                config.registryPort(), config.commandPort(), config.queryPort());
        Set<Integer> distinct = ports.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(6);
        assertThat(ports).allSatisfy(port -> assertThat(Ports.isFree(port)).isTrue());
        assertThat(config.externalDbUrl()).isEmpty();
        assertThat(config.externalKafkaBootstrap()).isEmpty();
        assertThat(config.externalRegistryUrl()).isEmpty();
        assertThat(config.durable()).isFalse();
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void theCheckoutIsFoundFromASubdirectoryOrLucidHome() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(checkout.resolve("infra/kafka-broker"));
        Files.writeString(checkout.resolve("infra/kafka-broker/pom.xml"), "<project/>");
        Path module = Files.createDirectories(checkout.resolve("infra/devstack"));
        assertThat(StackConfig.repoRoot(Map.of(), module)).isEqualTo(checkout);
        assertThat(StackConfig.repoRoot(Map.of("LUCID_HOME", "/elsewhere"), module)).isEqualTo(Path.of("/elsewhere"));
        assertThatThrownBy(() -> StackConfig.repoRoot(Map.of(), Path.of("/")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("LUCID_HOME");
    }

    @Test
    void externalDbUrlWinsOverTheLocalCluster() {
        StackConfig config = StackConfig.fromEnvironment(dir, false, Map.of("LUCID_DB_URL", "jdbc:postgresql://x/y"));
        assertThat(config.externalDbUrl()).isEqualTo(Optional.of("jdbc:postgresql://x/y"));
        assertThat(config.localJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/lucid");
    }

    @Test
    void oneBrokerUnlessAClusterIsAskedFor() {
        StackConfig single = StackConfig.fromEnvironment(dir, false, Map.of());
        assertThat(single.kafkaBrokers()).isEqualTo(1);
        assertThat(single.replicationFactor()).isEqualTo(1);
        assertThat(single.minInsyncReplicas()).isEqualTo(1);
        assertThat(StackConfig.forTests(dir).kafkaBrokers()).isEqualTo(1);
    }

    @Test
    void aClusterOfThreeNumbersItsListenersAndReplicatesThrice() {
        StackConfig cluster = StackConfig.fromEnvironment(dir, false, Map.of("LUCID_KAFKA_BROKERS", "3"));
        assertThat(cluster.kafkaBootstrap()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(List.of(cluster.controllerPort(1), cluster.controllerPort(2), cluster.controllerPort(3)))
                .containsExactly(9093, 9095, 9097);
        assertThat(cluster.replicationFactor()).isEqualTo(3);
        assertThat(cluster.minInsyncReplicas()).isEqualTo(2);
        StackConfig two = StackConfig.fromEnvironment(dir, false, Map.of("LUCID_KAFKA_BROKERS", "2"));
        assertThat(two.replicationFactor()).isEqualTo(2);
        assertThat(two.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void aTestClusterGetsABlockOfFreePorts() {
        StackConfig cluster = StackConfig.forTests(dir, 3);
        List<Integer> ports = List.of(cluster.kafkaPort(1), cluster.controllerPort(1), cluster.kafkaPort(2),
                cluster.controllerPort(2), cluster.kafkaPort(3), cluster.controllerPort(3));
        assertThat(ports).doesNotHaveDuplicates()
                .doesNotContain(cluster.pgPort(), cluster.registryPort(), cluster.commandPort(), cluster.queryPort())
                .allSatisfy(port -> assertThat(Ports.isFree(port)).isTrue());
    }

    @Test
    void aBrokerCountOutsideOneToFiveIsRefused() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(dir, false, Map.of("LUCID_KAFKA_BROKERS", "0")))
                .isInstanceOf(StackException.class).hasMessage("LUCID_KAFKA_BROKERS=0 is not between 1 and 5");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(dir, false, Map.of("LUCID_KAFKA_BROKERS", "three")))
                .isInstanceOf(StackException.class).hasMessage("LUCID_KAFKA_BROKERS=three is not a number");
    }
}
