package io.lucid.devstack.contract;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in: found upwards from the module directory, by its {@code docs/examples}. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/examples")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/examples above " + Path.of("").toAbsolutePath());
    }
}
