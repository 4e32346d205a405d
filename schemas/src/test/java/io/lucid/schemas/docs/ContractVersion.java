package io.lucid.schemas.docs;

import io.lucid.schemas.evolution.ReleasedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The contract's version for the documents: the newest release under {@code src/main/avro-released}. */
final class ContractVersion {

    private ContractVersion() {
    }

    static String latest() {
        try (Stream<Path> versions = Files.list(ReleasedSchemas.ROOT)) {
            return versions.map(path -> path.getFileName().toString())
                    .max(ReleasedSchemas::compareVersions)
                    .map(version -> version.replaceFirst("^v", ""))
                    .orElse("0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
