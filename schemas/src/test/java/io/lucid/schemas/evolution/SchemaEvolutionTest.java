package io.lucid.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.events.EventTypes;
import io.lucid.schemas.serde.DeclaredSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The evolution guard of the build: {@code mvn verify} fails here when a schema change breaks BACKWARD_TRANSITIVE
 * compatibility with a released version (see docs/events.md, "Evolving the contract"). The other tests prove that
 * the guard catches what it must.
 */
class SchemaEvolutionTest {

    private static final String V1 = """
            {"type":"record","name":"Probe","namespace":"io.lucid.events.test","doc":"d","fields":[
              {"name":"probe_id","type":"string","doc":"d"},
              {"name":"count","type":"int","doc":"d"},
              {"name":"detail","type":{"type":"record","name":"Detail","doc":"d","fields":[
                {"name":"size_bytes","type":"long","doc":"d"}]},"doc":"d"}]}""";

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        ReleasedSchemas released = ReleasedSchemas.load(ReleasedSchemas.ROOT);
        assertThat(released.versions()).as("released versions under " + ReleasedSchemas.ROOT).isNotEmpty();
        List<String> violations = SchemaEvolution.violations(current(), released);
        assertThat(violations)
                .as("schema changes that break BACKWARD_TRANSITIVE compatibility with a released version; give new "
                        + "fields a default and keep released fields' types (docs/events.md, Evolving the contract)")
                .isEmpty();
    }

    @Test
    void acceptsAnAddedFieldWithADefault() {
        String v2 = V1.replace("{\"name\":\"count\"", "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"d\"},{\"name\":\"count\"");
        assertThat(SchemaEvolution.violations(records(v2), release("v0.1.0", V1))).isEmpty();
    }

    @Test
    void catchesAFieldAddedWithoutADefault() {
        String v2 = V1.replace("{\"name\":\"count\"", "{\"name\":\"note\",\"type\":\"string\",\"doc\":\"d\"},{\"name\":\"count\"");
        assertThat(SchemaEvolution.violations(records(v2), release("v0.1.0", V1))).singleElement().asString()
                .contains("io.lucid.events.test.Probe field 'note'")
                .contains("v0.1.0")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void catchesATypeChangeOfANestedField() {
        String v2 = V1.replace("{\"name\":\"size_bytes\",\"type\":\"long\"", "{\"name\":\"size_bytes\",\"type\":\"string\"");
        assertThat(SchemaEvolution.violations(records(v2), release("v0.1.0", V1)))
                .hasSize(2)
                .allSatisfy(violation -> assertThat(violation)
                        .contains("io.lucid.events.test.Probe field 'detail.size_bytes'")
                        .contains("TYPE_MISMATCH"));
    }

    @Test
    void catchesARemovedFieldWithoutADefault() {
        String v2 = V1.replace("{\"name\":\"count\",\"type\":\"int\",\"doc\":\"d\"},", "");
        assertThat(SchemaEvolution.violations(records(v2), release("v0.1.0", V1))).singleElement().asString()
                .contains("io.lucid.events.test.Probe field 'count'")
                .contains("readers compiled with v0.1.0 cannot read data written with the current schema")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void acceptsARemovedFieldThatHadADefault() {
        String v1 = V1.replace("{\"name\":\"count\",\"type\":\"int\",", "{\"name\":\"count\",\"type\":\"int\",\"default\":0,");
        String v2 = V1.replace("{\"name\":\"count\",\"type\":\"int\",\"doc\":\"d\"},", "");
        assertThat(SchemaEvolution.violations(records(v2), release("v0.1.0", v1))).isEmpty();
    }

    @Test
    void catchesANarrowedTypeAndAWidenedOneThatOldReadersCannotRead() {
        String wide = V1.replace("{\"name\":\"count\",\"type\":\"int\"", "{\"name\":\"count\",\"type\":\"long\"");
        assertThat(SchemaEvolution.violations(records(V1), release("v0.1.0", wide))).singleElement().asString()
                .contains("field 'count' cannot read data written with v0.1.0").contains("TYPE_MISMATCH");
        assertThat(SchemaEvolution.violations(records(wide), release("v0.1.0", V1))).singleElement().asString()
                .contains("field 'count': readers compiled with v0.1.0");
    }

    @Test
    void checksEveryReleasedVersionNotOnlyTheLatest() {
        String v2 = V1.replace("{\"name\":\"count\",\"type\":\"int\",\"doc\":\"d\"},", "");
        String v3 = v2.replace("{\"name\":\"probe_id\"", "{\"name\":\"count\",\"type\":\"string\",\"doc\":\"d\"},{\"name\":\"probe_id\"")
                .replace("\"type\":\"string\",\"doc\":\"d\"},{\"name\":\"probe_id\"", "\"type\":\"string\",\"default\":\"\",\"doc\":\"d\"},{\"name\":\"probe_id\"");
        Map<String, Map<String, Schema>> history = new LinkedHashMap<>();
        history.put("v0.1.0", records(V1));
        history.put("v0.2.0", records(v2));
        assertThat(SchemaEvolution.violations(records(v3), ReleasedSchemas.of(history)))
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation).contains("v0.1.0").contains("field 'count'"));
    }

    @Test
    void catchesARemovedRecordType() {
        assertThat(SchemaEvolution.violations(Map.of(), release("v0.1.0", V1))).singleElement().asString()
                .contains("io.lucid.events.test.Probe was released in v0.1.0");
    }

    @Test
    void ordersVersionsNumerically() {
        assertThat(ReleasedSchemas.compareVersions("v0.10.0", "v0.2.0")).isPositive();
        assertThat(ReleasedSchemas.compareVersions("v1.0.0", "v1.0.0")).isZero();
    }

    static Map<String, Schema> current() {
        Map<String, Schema> current = new LinkedHashMap<>();
        EventTypes.all().forEach(type -> {
            Schema schema = DeclaredSchema.of(EventTypes.schemaOf(type));
            current.put(schema.getFullName(), schema);
        });
        return current;
    }

    private static Map<String, Schema> records(String json) {
        Schema schema = new Schema.Parser().parse(json);
        return Map.of(schema.getFullName(), schema);
    }

    private static ReleasedSchemas release(String version, String json) {
        return ReleasedSchemas.of(Map.of(version, records(json)));
    }
}
