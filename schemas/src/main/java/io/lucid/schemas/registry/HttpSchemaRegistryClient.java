package io.lucid.schemas.registry;

import static io.lucid.schemas.registry.RestTransport.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The {@link SchemaRegistryClient} over HTTP. Registrations are cached per (subject, schema) and schemas per id,
 * so serializers and deserializers reach the registry once per schema and then never again; the other calls
 * (administration, build-time checks) always ask the registry.
 */
final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private final RestTransport rest;
    /** Avro's Schema equality ignores docs, which is fine here: docs do not change the binary encoding. */
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    HttpSchemaRegistryClient(RestTransport rest) {
        this.rest = rest;
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        // Not computeIfAbsent: a remote call must not hold the map's lock. A race registers twice, which the
        // registry answers with the same id.
        int id = rest.post("/subjects/" + segment(subject) + "/versions", schemaBody(schema)).get("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(rest.get("/schemas/ids/" + id).get("schema").asText());
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            return Optional.of(registered(rest.post("/subjects/" + segment(subject), schemaBody(schema))));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return registered(rest.get("/subjects/" + segment(subject) + "/versions/latest"));
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(rest.get("/subjects/" + segment(subject) + "/versions/" + version));
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        rest.get("/subjects/" + segment(subject) + "/versions").forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        rest.get("/subjects").forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public CompatibilityCheck checkCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = rest.post("/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return CompatibilityCheck.ok();
            }
            throw e;
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityCheck(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public CompatibilityLevel compatibility() {
        return CompatibilityLevel.valueOf(rest.get("/config").get("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        rest.put("/config", Map.of("compatibility", level.name()));
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        try {
            return Optional.of(CompatibilityLevel.valueOf(
                    rest.get("/config/" + segment(subject)).get("compatibilityLevel").asText()));
        } catch (SchemaRegistryException e) {
            // Registries before Confluent 7 answer 40401 where later ones answer 40408.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        rest.put("/config/" + segment(subject), Map.of("compatibility", level.name()));
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions = new ArrayList<>();
        rest.delete("/subjects/" + segment(subject) + (permanent ? "?permanent=true" : ""))
                .forEach(v -> versions.add(v.asInt()));
        idsBySubject.remove(subject);
        return versions;
    }

    private static Map<String, String> schemaBody(Schema schema) {
        // schemaType is left out: AVRO is its default, and registries that predate the field reject it.
        return Map.of("schema", schema.toString());
    }

    private static RegisteredSchema registered(JsonNode node) {
        return new RegisteredSchema(node.get("subject").asText(), node.get("version").asInt(),
                node.get("id").asInt(), parse(node.get("schema").asText()));
    }

    /** A fresh parser per schema: a parser remembers every name it has seen and would reject a redefinition. */
    static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
