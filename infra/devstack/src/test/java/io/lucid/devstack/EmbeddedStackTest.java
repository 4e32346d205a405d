package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks that need no PostgreSQL or broker (the database is "external" here). */
class EmbeddedStackTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRuns() throws Exception {
        StackConfig base = StackConfig.forTests(dir);
        try (ServerSocket taken = new ServerSocket(base.kafkaPort(), 1, InetAddress.getLoopbackAddress())) {
            EmbeddedStack stack = new EmbeddedStack(withExternalDb(base), List.of(), List.of(), List.of());
            assertThatThrownBy(stack::start)
                    .isInstanceOf(StackException.class)
                    .hasMessage("port " + base.kafkaPort() + " (Kafka broker) is already in use: stop what holds it,"
                            + " or set LUCID_KAFKA_PORT, or LUCID_KAFKA_BOOTSTRAP to use an external Kafka");
            assertThat(stack.processIds()).isEmpty();
            stack.close();
        }
        try (var run = Files.list(dir.resolve("run"))) {
            assertThat(run).isEmpty();
        }
    }

    @Test
    void aServicePortClashNamesItsVariable() throws Exception {
        StackConfig base = StackConfig.forTests(dir);
        ServiceSpec spec = new ServiceSpec("query-api", dir, "x.Main", base.queryPort(), "LUCID_QUERY_PORT",
                java.util.Map.of());
        try (ServerSocket taken = new ServerSocket(base.queryPort(), 1, InetAddress.getLoopbackAddress())) {
            EmbeddedStack stack = new EmbeddedStack(withExternalDb(base), List.of(), List.of(), List.of(spec));
            assertThatThrownBy(stack::start).hasMessageContaining("(query-api)").hasMessageEndingWith(
                    "set LUCID_QUERY_PORT");
        }
    }

    @Test
    void freshKeepsOnlyTheBookkeeping() throws Exception {
        Files.createDirectories(dir.resolve("kafka/data"));
        Files.writeString(dir.resolve("jwt-secret"), "old");
        Files.writeString(dir.resolve("build.stamp"), "");
        Files.createDirectories(dir.resolve("logs"));
        StackConfig base = StackConfig.forTests(dir);
        StackConfig fresh = new StackConfig(base.dataDir(), base.repoRoot(), true, base.pgPort(), base.kafkaPort(),
                base.controllerPort(), base.registryPort(), base.commandPort(), base.queryPort(),
                Optional.of("jdbc:postgresql://127.0.0.1:1/none"), "postgres", "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), List.of(), Set.of(), 1);
        try (ServerSocket taken = new ServerSocket(base.kafkaPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(new EmbeddedStack(fresh, List.of(), List.of(), List.of())::start)
                    .isInstanceOf(StackException.class);
        }
        assertThat(dir.resolve("kafka")).doesNotExist();
        assertThat(dir.resolve("jwt-secret")).doesNotExist();
        assertThat(dir.resolve("build.stamp")).exists();
        assertThat(dir.resolve("logs")).exists();
    }

    private static StackConfig withExternalDb(StackConfig c) {
        return new StackConfig(c.dataDir(), c.repoRoot(), false, c.pgPort(), c.kafkaPort(), c.controllerPort(),
                c.registryPort(), c.commandPort(), c.queryPort(), Optional.of("jdbc:postgresql://127.0.0.1:1/none"),
                "postgres", "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                c.brokerJvmOptions(), c.serviceJvmOptions(), Set.of(), c.kafkaBrokers());
    }
}
