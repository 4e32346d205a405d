package io.lucid.devstack.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Node.js examples of {@code docs/examples} the way their users would: a fresh copy of the example,
 * {@code npm ci} from its lock file (so the third-party clients under test are the pinned ones, fetched from the npm
 * registry), then {@code node <script>}. Tests skip only when {@code node} itself is missing.
 */
public final class NodeJs {

    /** What a process printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private NodeJs() {
    }

    /**
     * Whether {@code node} runs on this machine: the one reason to skip. A missing {@code npm} or an unreachable npm
     * registry then fails {@link #install} loudly instead of hiding the contract tests.
     */
    public static boolean available() {
        try {
            return run(Path.of("."), List.of("node", "--version"), 30).exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Copies the example (without node_modules) to a temporary directory and installs its locked dependencies. */
    static Path install(String example) throws IOException {
        return install(Repository.root().resolve("docs/examples").resolve(example), example);
    }

    /** As {@link #install(String)} for a Node.js project anywhere in the repository ({@code name}: its temp prefix). */
    public static Path install(Path source, String name) throws IOException {
        String example = name;
        Path target = Files.createTempDirectory("lucid-" + example + "-");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(path -> !source.relativize(path).toString().startsWith("node_modules")).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Result npm = run(target, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 600);
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed for docs/examples/" + example + ":\n" + npm.describe());
        }
        return target;
    }

    static Result node(Path directory, List<String> arguments, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(arguments);
        return run(directory, command, timeoutSeconds);
    }

    public static Result run(Path directory, List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("lucid-node-", ".out");
            Path err = Files.createTempFile("lucid-node-", ".err");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s; stderr: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
