package io.lucid.schemas.registry;

import org.apache.avro.Schema;

/** One version of a subject as the registry reports it: subject, version number, global schema id and schema. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
