package io.lucid.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.schemas.events.EventTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutting a release: {@code mvn -q -pl schemas test -Dtest=SchemaReleaseTest -Dlucid.schemas.release=v0.2.0}
 * writes the current schemas to {@code src/main/avro-released/v0.2.0}.
 */
class SchemaReleaseTest {

    @Test
    @EnabledIfSystemProperty(named = "lucid.schemas.release", matches = "v.+")
    void cutsTheRequestedRelease() throws Exception {
        Path written = SchemaRelease.cut(ReleasedSchemas.ROOT, System.getProperty("lucid.schemas.release"));
        System.out.println("Released schemas written to " + written.toAbsolutePath());
    }

    @Test
    void writesEverySchemaSelfContainedAndLoadsItBack(@TempDir Path root) throws Exception {
        SchemaRelease.cut(root, "v9.9.9");
        ReleasedSchemas released = ReleasedSchemas.load(root);
        assertThat(released.byVersion().get("v9.9.9")).hasSize(EventTypes.all().size());
        assertThat(SchemaEvolution.violations(SchemaEvolutionTest.current(), released)).isEmpty();
        assertThat(Files.readString(root.resolve("v9.9.9/node/NodeRegistered.avsc"))).doesNotContain("avro.java");
    }

    @Test
    void neverOverwritesARelease(@TempDir Path root) throws Exception {
        SchemaRelease.cut(root, "v1.0.0");
        assertThatThrownBy(() -> SchemaRelease.cut(root, "v1.0.0")).hasMessageContaining("never rewritten");
        assertThatThrownBy(() -> SchemaRelease.cut(root, "latest")).hasMessageContaining("v1.2.3");
    }
}
