package io.lucid.schemas.evolution;

import io.lucid.schemas.events.EventTypes;
import io.lucid.schemas.serde.DeclaredSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * Cuts a release of the contract: writes every current schema, self-contained and in its declared form (what the
 * serde registers), to {@code src/main/avro-released/<version>/<domain>/<Record>.avsc}. Run through
 * {@link SchemaReleaseTest} with {@code -Dlucid.schemas.release=<version>}; an existing release is never
 * overwritten.
 */
final class SchemaRelease {

    private SchemaRelease() {
    }

    static Path cut(Path root, String version) throws IOException {
        if (!version.matches("v\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("a release version looks like v1.2.3, not " + version);
        }
        Path target = root.resolve(version);
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists: released schemas are never rewritten");
        }
        for (var type : EventTypes.all()) {
            Schema schema = DeclaredSchema.of(EventTypes.schemaOf(type));
            String domain = schema.getNamespace().substring(schema.getNamespace().lastIndexOf('.') + 1);
            Path file = target.resolve(domain).resolve(schema.getName() + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        }
        return target;
    }
}
