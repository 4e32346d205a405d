package io.lucid.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.registry.CompatibilityCheck;
import io.lucid.schemas.registry.CompatibilityLevel;
import io.lucid.schemas.registry.RegisteredSchema;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The project's registry client (module {@code schemas}) against this server over HTTP. */
class SchemaRegistryClientTest {

    private static final Schema V1 = new Schema.Parser().parse(SchemaRegistryTest.V1);
    private static final Schema V2 = new Schema.Parser().parse(SchemaRegistryTest.V2);
    private static final Schema INCOMPATIBLE = new Schema.Parser().parse(SchemaRegistryTest.INCOMPATIBLE);

    private final RegistryServer server = RegistryServer.startInMemory(0);
    private final SchemaRegistryClient client = SchemaRegistryClient.connect(server.uri().toString());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersAndFetchesSchemasById() {
        int id = client.register("lucid.node.events-io.lucid.events.node.NodeRegistered",
                NodeRegistered.getClassSchema());

        SchemaRegistryClient fresh = SchemaRegistryClient.connect(server.uri() + "/");
        assertThat(fresh.schemaById(id)).isEqualTo(NodeRegistered.getClassSchema());
        assertThat(fresh.schemaById(id).getDoc()).isEqualTo(NodeRegistered.getClassSchema().getDoc());
    }

    @Test
    void sameSchemaUnderTwoSubjectsGetsOneId() {
        int first = client.register("a-io.lucid.events.view.ViewChanged", ViewChanged.getClassSchema());
        int second = client.register("b-io.lucid.events.view.ViewChanged", ViewChanged.getClassSchema());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void readsVersionsSubjectsAndLookups() {
        client.register("s", V1);
        int id2 = client.register("s", V2);

        RegisteredSchema latest = client.latestVersion("s");
        assertThat(latest).isEqualTo(new RegisteredSchema("s", 2, id2, V2));
        assertThat(client.version("s", 1).schema()).isEqualTo(V1);
        assertThat(client.versions("s")).containsExactly(1, 2);
        assertThat(client.subjects()).containsExactly("s");
        assertThat(client.lookup("s", V1)).map(RegisteredSchema::version).hasValue(1);
        assertThat(client.lookup("s", INCOMPATIBLE)).isEmpty();
        assertThat(client.lookup("nope", V1)).isEmpty();
    }

    @Test
    void incompatibleRegistrationFailsWithConfluentErrorCode() {
        client.register("s", V1);

        assertThatThrownBy(() -> client.register("s", INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                })
                .hasMessageContaining("TYPE_MISMATCH");
    }

    @Test
    void unknownIdFailsWith40403() {
        assertThatThrownBy(() -> client.schemaById(77))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
    }

    @Test
    void checksCompatibilityWithMessages() {
        assertThat(client.checkCompatibility("s", V1).compatible()).isTrue();
        client.register("s", V1);

        CompatibilityCheck bad = client.checkCompatibility("s", INCOMPATIBLE);

        assertThat(bad.compatible()).isFalse();
        assertThat(bad.messages()).singleElement().asString().contains("TYPE_MISMATCH");
        assertThat(client.checkCompatibility("s", V2)).isEqualTo(CompatibilityCheck.ok());
    }

    @Test
    void readsAndWritesCompatibilityLevels() {
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(client.compatibility("s")).isEmpty();

        client.setCompatibility(CompatibilityLevel.FULL);
        client.setCompatibility("s", CompatibilityLevel.NONE);

        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.compatibility("s")).hasValue(CompatibilityLevel.NONE);
    }

    @Test
    void deletesSubjectsSoftThenHard() {
        client.register("s", V1);

        assertThat(client.deleteSubject("s", false)).containsExactly(1);
        assertThat(client.subjects()).isEmpty();
        assertThat(client.deleteSubject("s", true)).containsExactly(1);
    }

    @Test
    void servesCachedSchemasAndIdsWithoutTheRegistry() {
        int id = client.register("s", V1);
        client.schemaById(id);

        server.close();

        assertThat(client.register("s", V1)).isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThatThrownBy(() -> client.subjects()).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.status()).isZero());
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsUnreachable() {
        SchemaRegistryClient failover = SchemaRegistryClient.connect("http://localhost:1, " + server.uri());

        assertThat(failover.register("s", V1)).isEqualTo(1);
    }
}
