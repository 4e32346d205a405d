package io.lucid.schemas.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The build-time guard of schema evolution against every released version. It enforces BACKWARD_TRANSITIVE, the
 * registry's level (each current schema reads data written with every release: replays and old records keep
 * decoding), and also its forward half, because consumers we did not write are compiled against released schemas
 * and must keep decoding what we write now: so a removed field must have had a default. No released record may
 * disappear. Violations name the release, the record, the field path and Avro's reason, so the author of a change
 * sees what to fix (usually: give the field a default, or keep the released type).
 */
final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** Every violation of {@code current} (records by full name) against {@code released}; empty when compatible. */
    static List<String> violations(Map<String, Schema> current, ReleasedSchemas released) {
        List<String> found = new ArrayList<>();
        released.byVersion().forEach((version, records) -> records.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                found.add(name + " was released in " + version + " but has no schema any more: a released record "
                        + "type must stay (deprecate it in its doc instead)");
                return;
            }
            check(now, old).forEach(problem -> found.add(name + " field '" + FieldPath.of(now, problem.getLocation())
                    + "' cannot read data written with " + version + ": " + describe(problem)));
            check(old, now).forEach(problem -> found.add(name + " field '" + FieldPath.of(old, problem.getLocation())
                    + "': readers compiled with " + version + " cannot read data written with the current schema: "
                    + describe(problem)));
        }));
        return found;
    }

    private static List<Incompatibility> check(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        return result.getCompatibility() == SchemaCompatibilityType.INCOMPATIBLE
                ? result.getIncompatibilities() : List.of();
    }

    private static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " (" + incompatibility.getMessage() + ")";
    }
}
