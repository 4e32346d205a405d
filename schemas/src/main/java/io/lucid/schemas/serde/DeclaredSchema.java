package io.lucid.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The form of a schema that the serde registers: a generated class's schema without the Java-only properties
 * the Avro compiler adds ({@code avro.java.string} with {@code stringType=String}), i.e. the schema as its
 * {@code .avsc} declares it. Otherwise a Java producer and a client in another language (or the build step
 * that registers the {@code .avsc}) would register two texts of one schema and get two ids and versions.
 * The properties do not change the binary encoding.
 */
public final class DeclaredSchema {

    private static final String JAVA_PROPERTY_PREFIX = "avro.java.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeclaredSchema() {
    }

    /** The declared form of {@code schema}: the same schema without {@code avro.java.*} properties. */
    public static Schema of(Schema schema) {
        String text = schema.toString();
        if (!text.contains(JAVA_PROPERTY_PREFIX)) {
            return schema;
        }
        try {
            JsonNode tree = JSON.readTree(text);
            strip(tree);
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite schema " + schema.getFullName(), e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getKey().startsWith(JAVA_PROPERTY_PREFIX));
        }
        node.forEach(DeclaredSchema::strip);
    }
}
