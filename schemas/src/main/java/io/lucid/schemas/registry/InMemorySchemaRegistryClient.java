package io.lucid.schemas.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * An in-process registry for tests that run without a registry server: ids are global per scope and a
 * schema keeps its id across subjects, as in a real registry, but no compatibility is enforced (that is the
 * server's job, tested in {@code infra/registry}). Instances are shared per scope, so a serializer and a
 * deserializer configured with the same {@code mock://scope} URL see the same schemas.
 */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    static final String URL_PREFIX = "mock://";

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<String, Integer> idsByCanonical = new LinkedHashMap<>();
    private final Map<Integer, Schema> schemasById = new LinkedHashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> levels = new LinkedHashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD_TRANSITIVE;

    static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idsByCanonical.computeIfAbsent(schema.toString(), canonical -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Integer id = idsByCanonical.get(schema.toString());
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        return id == null || !ids.contains(id) ? Optional.empty() : Optional.of(version(subject, ids.indexOf(id) + 1));
    }

    @Override
    public synchronized RegisteredSchema latestVersion(String subject) {
        return version(subject, subjectIds(subject).size());
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> ids = subjectIds(subject);
        if (version < 1 || version > ids.size()) {
            throw new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, version, id, schemasById.get(id));
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= subjectIds(subject).size(); v++) {
            versions.add(v);
        }
        return versions;
    }

    @Override
    public synchronized List<String> subjects() {
        return new ArrayList<>(idsBySubject.keySet());
    }

    /** Not supported: compatibility is enforced by a registry server only. */
    @Override
    public CompatibilityCheck checkCompatibility(String subject, Schema schema) {
        throw new UnsupportedOperationException("the in-memory registry checks no compatibility; use a registry server");
    }

    @Override
    public synchronized CompatibilityLevel compatibility() {
        return globalLevel;
    }

    @Override
    public synchronized void setCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> compatibility(String subject) {
        return Optional.ofNullable(levels.get(subject));
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levels.put(subject, level);
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions = versions(subject);
        idsBySubject.remove(subject);
        return versions;
    }

    private List<Integer> subjectIds(String subject) {
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        return ids;
    }
}
