package io.lucid.registry;

import io.lucid.registry.store.RegistryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The registry's state as a fold of its log: subjects and their versions, schemas by id, compatibility levels
 * and mode. Only {@link #apply} changes it, on the store's reader thread; requests read it concurrently.
 * The JSON answer to {@code GET /schemas/ids/{id}} is built once per id here, because that is the request
 * every consumer makes and it must not cost more than a map lookup.
 */
final class RegistryState implements RegistryStore.Applier {

    /** One version of a subject. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    /** A schema under its id, parsed once: compatibility checks need the Avro object. */
    record StoredSchema(int id, String canonical, Schema schema) {
    }

    private final Compatibility defaultLevel;
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    /** Read without the state's lock: the hot path. */
    private final Map<Integer, byte[]> responsesById = new ConcurrentHashMap<>();
    private final Map<String, Compatibility> subjectLevels = new HashMap<>();
    private Compatibility globalLevel;
    private Mode mode = Mode.READWRITE;
    private int maxId;

    RegistryState(Compatibility defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    @Override
    public void apply(byte[] key, byte[] value) {
        LogEntry entry = LogCodec.decode(key, value);
        if (entry != null) {
            apply(entry);
        }
    }

    synchronized void apply(LogEntry entry) {
        if (entry instanceof LogEntry.SchemaVersion v) {
            addVersion(v);
        } else if (entry instanceof LogEntry.SchemaVersionRemoved r) {
            removeVersion(r);
        } else if (entry instanceof LogEntry.Config c) {
            setLevel(c);
        } else if (entry instanceof LogEntry.ModeChange m) {
            mode = m.mode();
        } else if (entry instanceof LogEntry.IdWatermark w) {
            maxId = Math.max(maxId, w.id());
        }
    }

    /** The precomputed {@code {"schema":"..."}} body for an id, or null. */
    byte[] schemaResponse(int id) {
        return responsesById.get(id);
    }

    synchronized Optional<StoredSchema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized OptionalInt idOf(String canonical) {
        Integer id = idsByCanonical.get(canonical);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The subject's versions, oldest first; soft-deleted ones only when asked. Empty for an unknown subject. */
    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    /** Subjects with a live version, or with any version when {@code includeDeleted}; sorted. */
    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized List<Version> versionsOfId(int id, boolean includeDeleted) {
        List<Version> found = new ArrayList<>();
        for (TreeMap<Integer, Version> versions : subjects.values()) {
            versions.values().stream().filter(v -> v.id() == id && (includeDeleted || !v.deleted())).forEach(found::add);
        }
        return found;
    }

    synchronized int nextId() {
        return maxId + 1;
    }

    synchronized int maxId() {
        return maxId;
    }

    /** Versions keep counting past soft-deleted ones, so a version number never names two schemas. */
    synchronized int nextVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    synchronized Compatibility globalLevel() {
        return globalLevel != null ? globalLevel : defaultLevel;
    }

    synchronized Optional<Compatibility> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Compatibility effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    synchronized Mode mode() {
        return mode;
    }

    private void addVersion(LogEntry.SchemaVersion v) {
        if (!schemasById.containsKey(v.id())) {
            AvroSchemas.Parsed parsed = AvroSchemas.parse(v.schema());
            schemasById.put(v.id(), new StoredSchema(v.id(), parsed.canonical(), parsed.schema()));
            idsByCanonical.putIfAbsent(parsed.canonical(), v.id());
            responsesById.put(v.id(), Json.bytes(Json.object().put("schema", parsed.canonical())));
        }
        subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>())
                .put(v.version(), new Version(v.subject(), v.version(), v.id(), v.deleted()));
        maxId = Math.max(maxId, v.id());
    }

    private void removeVersion(LogEntry.SchemaVersionRemoved r) {
        TreeMap<Integer, Version> versions = subjects.get(r.subject());
        Version removed = versions == null ? null : versions.remove(r.version());
        if (removed == null) {
            return;
        }
        if (versions.isEmpty()) {
            subjects.remove(r.subject());
        }
        boolean stillUsed = subjects.values().stream()
                .anyMatch(vs -> vs.values().stream().anyMatch(v -> v.id() == removed.id()));
        if (!stillUsed) {
            StoredSchema schema = schemasById.remove(removed.id());
            idsByCanonical.remove(schema.canonical(), removed.id());
            responsesById.remove(removed.id());
        }
    }

    private void setLevel(LogEntry.Config c) {
        if (c.subject() == null) {
            globalLevel = c.level();
        } else if (c.level() == null) {
            subjectLevels.remove(c.subject());
        } else {
            subjectLevels.put(c.subject(), c.level());
        }
    }

}
