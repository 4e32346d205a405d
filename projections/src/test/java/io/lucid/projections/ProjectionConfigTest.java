package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionConfigTest {

    @Test
    void defaultsRunAgainstTheEmbeddedStack() {
        ProjectionConfig config = ProjectionConfig.fromEnvironment(Map.of());

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/lucid");
        assertThat(config.dbUser()).isEqualTo("postgres");
        assertThat(config.dbPassword()).isEmpty();
        assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.schema()).isEqualTo("read");
        assertThat(config.groupPrefix()).isEqualTo("lucid-projections");
        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.only()).isEmpty();
    }

    @Test
    void everyValueComesFromTheEnvironment() {
        ProjectionConfig config = ProjectionConfig.fromEnvironment(Map.of(
                "LUCID_DB_URL", "jdbc:postgresql://db:5432/x", "LUCID_DB_USER", "u", "LUCID_DB_PASSWORD", "secret",
                "LUCID_KAFKA_BOOTSTRAP", "k:9092", "LUCID_SCHEMA_REGISTRY_URL", "http://r:8081",
                "LUCID_READ_SCHEMA", "read_b", "LUCID_PROJECTIONS_GROUP_PREFIX", "p",
                "LUCID_PROJECTIONS_DEDUPE_RETENTION", "PT12H", "LUCID_PROJECTIONS", "nodes, pools"));

        assertThat(config).isEqualTo(new ProjectionConfig("jdbc:postgresql://db:5432/x", "u", "secret", "k:9092",
                "http://r:8081", "read_b", "p", Duration.ofHours(12), List.of("nodes", "pools")));
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void refusesASchemaNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> ProjectionConfig.fromEnvironment(Map.of("LUCID_READ_SCHEMA", "read; drop")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LUCID_READ_SCHEMA");
    }
}
