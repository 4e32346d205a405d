package io.lucid.registry;

/**
 * The registry's state changes, as written to its log. Each entry has a key (what it is about) so that log
 * compaction keeps the latest entry per key; a removal is a tombstone of that key.
 */
sealed interface LogEntry {

    /** One version of a subject; {@code deleted} marks a soft delete, which keeps the id readable. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements LogEntry {
    }

    /** A hard delete of one version of a subject (a tombstone in the log). */
    record SchemaVersionRemoved(String subject, int version) implements LogEntry {
    }

    /** A compatibility level: global when {@code subject} is null; {@code level} null removes a subject's own. */
    record Config(String subject, Compatibility level) implements LogEntry {
    }

    /** The registry's write mode. */
    record ModeChange(Mode mode) implements LogEntry {
    }

    /**
     * The highest id ever assigned. Written before hard deletes, so that an id stays unique even after
     * compaction has removed every version that carried it: consumers cache schemas by id forever.
     */
    record IdWatermark(int id) implements LogEntry {
    }
}
