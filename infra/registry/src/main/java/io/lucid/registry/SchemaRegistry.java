package io.lucid.registry;

import io.lucid.registry.RegistryState.Version;
import io.lucid.registry.store.RegistryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's operations with Confluent Schema Registry semantics, independent of HTTP. Reads come from
 * the {@link RegistryState}; every change is decided, appended to the log and read back under one lock, so
 * that concurrent registrations of one schema yield one id and ids are assigned in log order.
 */
public final class SchemaRegistry {

    /** A version of a subject with its schema text. */
    public record Registered(String subject, int version, int id, String schema) {
    }

    /** The verdict of a compatibility test. */
    public record CompatibilityResult(boolean compatible, List<String> messages) {
    }

    private static final int LATEST = -1;

    private final RegistryStore store;
    private final RegistryState state;
    private final ReentrantLock writes = new ReentrantLock();

    SchemaRegistry(RegistryStore store, Compatibility defaultLevel) {
        this.store = store;
        this.state = new RegistryState(defaultLevel);
    }

    /** Replays the log; returns once the state is current. */
    void start() {
        store.start(state);
    }

    /**
     * Registers a schema under a subject and returns its id: the existing id when the schema is already a live
     * version of the subject (no compatibility check then), the schema's id from another subject, or a new one.
     */
    public int register(String subject, String schemaText, String schemaType, boolean hasReferences) {
        requireWritable();
        requireAvro(schemaType, hasReferences);
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        writes.lock();
        try {
            requireWritable();
            List<Version> live = state.versions(subject, false);
            int knownId = state.idOf(parsed.canonical()).orElse(0);
            if (live.stream().anyMatch(v -> v.id() == knownId)) {
                return knownId;
            }
            List<String> problems = incompatibilities(state.effectiveLevel(subject), parsed, live);
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible("Schema being registered is incompatible with an earlier schema"
                        + " for subject '" + subject + "' (" + state.effectiveLevel(subject) + "): " + problems);
            }
            int id = knownId != 0 ? knownId : state.nextId();
            append(new LogEntry.SchemaVersion(subject, state.nextVersion(subject), id, parsed.canonical(), false));
            return id;
        } finally {
            writes.unlock();
        }
    }

    /** The precomputed {@code {"schema":...}} body of {@code GET /schemas/ids/{id}}. */
    public byte[] schemaResponse(int id) {
        byte[] response = state.schemaResponse(id);
        if (response == null) {
            throw RegistryException.schemaNotFound("Schema " + id + " not found");
        }
        return response;
    }

    public String schemaText(int id) {
        return state.schema(id).orElseThrow(() -> RegistryException.schemaNotFound("Schema " + id + " not found"))
                .canonical();
    }

    /** The (subject, version) pairs that use a schema id. */
    public List<Registered> versionsOfId(int id, boolean includeDeleted) {
        String schema = schemaText(id);
        return state.versionsOfId(id, includeDeleted).stream()
                .map(v -> new Registered(v.subject(), v.version(), v.id(), schema)).toList();
    }

    /** Is this schema registered under the subject? */
    public Registered lookup(String subject, String schemaText, boolean includeDeleted) {
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        List<Version> versions = existingVersions(subject, includeDeleted);
        int id = state.idOf(parsed.canonical()).orElse(0);
        return versions.stream().filter(v -> v.id() == id).reduce((first, second) -> second)
                .map(this::registered)
                .orElseThrow(() -> RegistryException.schemaNotFound("not registered under subject '" + subject + "'"));
    }

    public List<String> subjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        return existingVersions(subject, includeDeleted).stream().map(Version::version).toList();
    }

    /** One version of a subject; {@code versionSpec} is a number or {@code latest}. */
    public Registered version(String subject, String versionSpec, boolean includeDeleted) {
        int wanted = parseVersion(versionSpec);
        return registered(find(subject, wanted, existingVersions(subject, includeDeleted)));
    }

    /** Soft-deletes the subject's live versions, or hard-deletes a soft-deleted subject; returns the versions. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        writes.lock();
        try {
            requireWritable();
            List<Version> all = existingVersions(subject, true);
            List<Version> live = all.stream().filter(v -> !v.deleted()).toList();
            if (!permanent) {
                if (live.isEmpty()) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                live.forEach(this::softDelete);
                return live.stream().map(Version::version).toList();
            }
            if (!live.isEmpty()) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            append(new LogEntry.IdWatermark(state.maxId()));
            all.forEach(v -> append(new LogEntry.SchemaVersionRemoved(subject, v.version())));
            if (state.subjectLevel(subject).isPresent()) {
                append(new LogEntry.Config(subject, null));
            }
            return all.stream().map(Version::version).toList();
        } finally {
            writes.unlock();
        }
    }

    /** Soft-deletes a live version, or hard-deletes a soft-deleted one; returns its number. */
    public int deleteVersion(String subject, String versionSpec, boolean permanent) {
        int wanted = parseVersion(versionSpec);
        writes.lock();
        try {
            requireWritable();
            List<Version> all = existingVersions(subject, true);
            Version target = find(subject, wanted,
                    wanted == LATEST && !permanent ? all.stream().filter(v -> !v.deleted()).toList() : all);
            if (!permanent) {
                if (target.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, target.version());
                }
                softDelete(target);
            } else {
                if (!target.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, target.version());
                }
                append(new LogEntry.IdWatermark(state.maxId()));
                append(new LogEntry.SchemaVersionRemoved(subject, target.version()));
            }
            return target.version();
        } finally {
            writes.unlock();
        }
    }

    /**
     * Tests a schema against the subject: against one version when {@code versionSpec} is a number, against
     * what the subject's level requires when it is {@code latest} or null (null also accepts a subject without
     * versions, like {@code POST /compatibility/subjects/{s}/versions}).
     */
    public CompatibilityResult testCompatibility(String subject, String versionSpec, String schemaText) {
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        List<Version> live = state.versions(subject, false);
        List<Version> against = live;
        if (versionSpec != null) {
            int wanted = parseVersion(versionSpec);
            if (live.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            if (wanted != LATEST) {
                against = List.of(find(subject, wanted, live));
            }
        }
        List<String> problems = incompatibilities(state.effectiveLevel(subject), parsed, against);
        return new CompatibilityResult(problems.isEmpty(), problems);
    }

    public Compatibility globalCompatibility() {
        return state.globalLevel();
    }

    public void setGlobalCompatibility(Compatibility level) {
        writeLocked(new LogEntry.Config(null, level));
    }

    /** The subject's own level; the global one only when {@code defaultToGlobal}, else error 40408. */
    public Compatibility subjectCompatibility(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw RegistryException.subjectCompatibilityNotConfigured(subject);
        });
    }

    public void setSubjectCompatibility(String subject, Compatibility level) {
        writeLocked(new LogEntry.Config(subject, level));
    }

    /** Removes the subject's own level (it follows the global one again) and returns the removed level. */
    public Compatibility deleteSubjectCompatibility(String subject) {
        writes.lock();
        try {
            Compatibility previous = subjectCompatibility(subject, false);
            append(new LogEntry.Config(subject, null));
            return previous;
        } finally {
            writes.unlock();
        }
    }

    public Mode mode() {
        return state.mode();
    }

    public void setMode(Mode mode) {
        writeLocked(new LogEntry.ModeChange(mode));
    }

    private List<String> incompatibilities(Compatibility level, AvroSchemas.Parsed candidate, List<Version> against) {
        List<CompatibilityChecker.Previous> previous = new ArrayList<>();
        for (Version v : against) {
            state.schema(v.id()).ifPresent(s -> previous.add(new CompatibilityChecker.Previous(v.version(), s.schema())));
        }
        return CompatibilityChecker.incompatibilities(level, candidate.schema(), previous);
    }

    private List<Version> existingVersions(String subject, boolean includeDeleted) {
        List<Version> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static Version find(String subject, int wanted, List<Version> versions) {
        if (wanted == LATEST) {
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, wanted));
    }

    /** A version number (1 and up) or {@code latest} / {@code -1}; anything else is error 42202. */
    static int parseVersion(String spec) {
        if ("latest".equalsIgnoreCase(spec)) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(spec);
            if (version >= 1 || version == LATEST) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the API error below
        }
        throw RegistryException.invalidVersion(spec);
    }

    private Registered registered(Version v) {
        return new Registered(v.subject(), v.version(), v.id(), schemaText(v.id()));
    }

    private void softDelete(Version v) {
        append(new LogEntry.SchemaVersion(v.subject(), v.version(), v.id(), schemaText(v.id()), true));
    }

    private void writeLocked(LogEntry entry) {
        writes.lock();
        try {
            append(entry);
        } finally {
            writes.unlock();
        }
    }

    private void append(LogEntry entry) {
        LogCodec.Encoded encoded = LogCodec.encode(entry);
        store.append(encoded.key(), encoded.value());
    }

    private void requireWritable() {
        if (state.mode() == Mode.READONLY) {
            throw RegistryException.readOnly();
        }
    }

    private static void requireAvro(String schemaType, boolean hasReferences) {
        if (schemaType != null && !schemaType.isBlank() && !"AVRO".equalsIgnoreCase(schemaType)) {
            throw RegistryException.invalidSchema("schema type " + schemaType + " is not supported; this registry"
                    + " stores AVRO schemas only");
        }
        if (hasReferences) {
            throw RegistryException.invalidSchema("schema references are not supported; inline the named types");
        }
    }
}
