package io.lucid.registry;

import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * Parses schema text into Avro and gives it its identity: the JSON that Avro prints for the parsed schema.
 * Unlike Avro's parsing canonical form it keeps docs, defaults and properties (which matter to readers), yet
 * maps texts that differ only in whitespace or key order to one id, as Confluent Schema Registry does.
 */
final class AvroSchemas {

    private AvroSchemas() {
    }

    /** A parsed schema with its canonical text. */
    record Parsed(Schema schema, String canonical) {
    }

    /** @throws RegistryException 42201 with the parser's message when the text is not a valid Avro schema */
    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            // A parser remembers every name it defines, so each schema needs its own.
            Schema schema = new Schema.Parser().parse(text);
            return new Parsed(schema, schema.toString());
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            // SchemaParseException for bad JSON or names, AvroTypeException for defaults that do not fit their type.
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }
}
