package io.lucid.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The released schema history kept in the repository: {@code src/main/avro-released/<version>/<domain>/<Record>.avsc},
 * one self-contained schema per file (nested types inlined), exactly as the release registered it. Released files
 * are never edited; a release adds a directory.
 */
public final class ReleasedSchemas {

    public static final Path ROOT = Path.of("src/main/avro-released");

    /** Version, oldest first, to the records of that release by full name. */
    private final Map<String, Map<String, Schema>> releases;

    private ReleasedSchemas(Map<String, Map<String, Schema>> releases) {
        this.releases = releases;
    }

    static ReleasedSchemas load(Path root) {
        Map<String, Map<String, Schema>> releases = new TreeMap<>(ReleasedSchemas::compareVersions);
        try (Stream<Path> versions = Files.list(root)) {
            for (Path version : versions.filter(Files::isDirectory).toList()) {
                releases.put(version.getFileName().toString(), readRelease(version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the released schemas under " + root, e);
        }
        return new ReleasedSchemas(releases);
    }

    static ReleasedSchemas of(Map<String, Map<String, Schema>> releases) {
        Map<String, Map<String, Schema>> sorted = new TreeMap<>(ReleasedSchemas::compareVersions);
        sorted.putAll(releases);
        return new ReleasedSchemas(sorted);
    }

    Map<String, Map<String, Schema>> byVersion() {
        return releases;
    }

    List<String> versions() {
        return List.copyOf(releases.keySet());
    }

    private static Map<String, Schema> readRelease(Path version) throws IOException {
        Map<String, Schema> records = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(version)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".avsc")).sorted().toList()) {
                // A parser per file: every released file is self-contained, and two files may inline the same type.
                Schema schema = new Schema.Parser().parse(file.toFile());
                records.put(schema.getFullName(), schema);
            }
        }
        return records;
    }

    /** v0.2.0 before v0.10.0: numeric comparison of the dot-separated parts after the leading v. */
    public static int compareVersions(String left, String right) {
        String[] a = left.replaceFirst("^v", "").split("\\.");
        String[] b = right.replaceFirst("^v", "").split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Comparator.<String>naturalOrder().compare(left, right);
    }
}
