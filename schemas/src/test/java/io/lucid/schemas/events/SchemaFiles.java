package io.lucid.schemas.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The {@code .avsc} files of {@code src/main/avro}, read as JSON: what the tests hold the generated classes against. */
final class SchemaFiles {

    static final Path ROOT = Path.of("src/main/avro");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaFiles() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code namespace.name} of the file's top-level record. */
    static String fullName(Path file) {
        JsonNode schema = read(file);
        return schema.path("namespace").asText() + "." + schema.path("name").asText();
    }
}
