package io.lucid.devstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program of command-api's test classes (an in-process ceiling or cost), run in a JVM of its own on command-api's
 * classpath: this module does not depend on command-api, whose classes stay out of the stack's JVM.
 */
final class CommandApiProgram {

    private CommandApiProgram() {
    }

    /** Runs {@code mainClass} with {@code args}; its output, or an exception naming it if it failed. */
    static String run(String mainClass, String... args) throws IOException, InterruptedException {
        Path module = Path.of("command-api/target");
        String cp = module.resolve("test-classes") + ":" + module.resolve("classes") + ":"
                + Files.readString(module.resolve("classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", cp, mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed: " + out);
        }
        return out;
    }
}
