package io.lucid.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Decides whether a candidate schema may follow a subject's earlier versions under a compatibility level,
 * using Avro's own reader/writer resolution rules ({@link SchemaCompatibility}), and names every
 * incompatibility found (kind, location, field or symbol) so that a refused producer knows what to fix.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /** An earlier version of the subject. */
    record Previous(int version, Schema schema) {
    }

    /**
     * The incompatibilities of {@code candidate} with {@code previous} (oldest first) under {@code level}; empty
     * when compatible. Non-transitive levels look at the newest previous version only.
     */
    static List<String> incompatibilities(Compatibility level, Schema candidate, List<Previous> previous) {
        if (level == Compatibility.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Previous> checked = level.transitive() ? previous : previous.subList(previous.size() - 1, previous.size());
        List<String> messages = new ArrayList<>();
        for (Previous old : checked) {
            if (level.backward()) {
                describe(messages, "BACKWARD", "the new schema cannot read data written with version " + old.version(),
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()));
            }
            if (level.forward()) {
                describe(messages, "FORWARD", "version " + old.version() + " cannot read data written with the new schema",
                        SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate));
            }
        }
        return messages;
    }

    private static void describe(List<String> messages, String direction, String context,
            SchemaCompatibility.SchemaPairCompatibility pair) {
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add(direction + ": " + context + ": " + incompatibility.getType()
                    + " at '" + incompatibility.getLocation() + "': " + incompatibility.getMessage());
        }
    }
}
