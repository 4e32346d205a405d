package io.lucid.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.registry.store.InMemoryStore;
import io.lucid.registry.store.RegistryStore;
import io.lucid.registry.store.StoreException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryServerTest {

    @Test
    void restartedServerOnTheSameLogServesTheSameIds() {
        InMemoryStore store = new InMemoryStore();
        int id;
        try (RegistryServer first = RegistryServer.start(new RegistryConfig(0, null), store)) {
            new Http(first.uri()).registerSchema("s", SchemaRegistryTest.V1);
            id = new Http(first.uri()).registerSchema("t", SchemaRegistryTest.V2).json().get("id").asInt();
        }

        try (RegistryServer second = RegistryServer.start(new RegistryConfig(0, null), store.reopen())) {
            Http http = new Http(second.uri());
            assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(SchemaRegistryTest.V2);
            assertThat(http.registerSchema("u", SchemaRegistryTest.V2).json().get("id").asInt()).isEqualTo(id);
        }
    }

    @Test
    void storeFailureIs50001WithoutAStackTrace() {
        try (RegistryServer server = RegistryServer.start(new RegistryConfig(0, null), new FailingStore())) {
            Http.Response response = new Http(server.uri()).registerSchema("s", SchemaRegistryTest.V1);

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.errorCode()).isEqualTo(50001);
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("at io.lucid");
        }
    }

    @Test
    void configuredDefaultCompatibilityApplies() {
        RegistryConfig config = new RegistryConfig(0, null, null, Compatibility.NONE);
        try (RegistryServer server = RegistryServer.start(config, new InMemoryStore())) {
            assertThat(new Http(server.uri()).get("/config").json().get("compatibilityLevel").asText())
                    .isEqualTo("NONE");
        }
    }

    @Test
    void configDefaultsRunTheEmbeddedStack() {
        RegistryConfig config = RegistryConfig.fromEnvironment(Map.of("LUCID_REGISTRY_PORT", "0"));

        assertThat(config.topic()).isEqualTo("_schemas");
        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(config.defaultCompatibility()).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.port()).isZero();
    }

    @Test
    void boundPortIsReported() {
        try (RegistryServer server = RegistryServer.startInMemory(0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.uri().toString()).isEqualTo("http://localhost:" + server.port());
        }
    }

    /** A log that refuses every write, as a Kafka cluster that lost its quorum would. */
    private static final class FailingStore implements RegistryStore {
        @Override
        public void start(Applier applier) {
        }

        @Override
        public void append(byte[] key, byte[] value) {
            throw new StoreException("broker unavailable");
        }

        @Override
        public void close() {
        }
    }
}
