package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of the stack (the broker, a service): output appended to its log file, a pid file while it runs,
 * and a stop that asks first (SIGTERM) and forces after a grace period.
 *
 * <p>Children run in a session of their own ({@code setsid}) so a Ctrl-C in the terminal reaches only the devstack
 * JVM, which then stops them in order (services before the broker) instead of all at once.
 */
final class ForkedProcess {

    private static final Logger log = LoggerFactory.getLogger(ForkedProcess.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ (common frames|more))");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final PidFiles pidFiles;
    /** Set for a one-shot tool and once a stop is asked for: an exit is then no surprise. */
    private volatile boolean exitExpected;
    /** Set once ready: an exit during start-up is reported by the readiness check instead. */
    private volatile boolean ready;

    private ForkedProcess(String name, Process process, Path logFile, PidFiles pidFiles, boolean exitExpected) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFiles = pidFiles;
        this.exitExpected = exitExpected;
    }

    /** A long-running process: an exit after {@link #markReady} and before {@link #stop} is logged as a warning. */
    static ForkedProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
            PidFiles pidFiles) {
        return start(name, command, env, logFile, pidFiles, false);
    }

    /** A tool expected to exit by itself; wait for it with {@link #waitFor}. */
    static ForkedProcess run(String name, List<String> command, Path logFile, PidFiles pidFiles) {
        return start(name, command, Map.of(), logFile, pidFiles, true);
    }

    private static ForkedProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
            PidFiles pidFiles, boolean oneShot) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            ForkedProcess forked = new ForkedProcess(name, builder.start(), logFile, pidFiles, oneShot);
            pidFiles.write(name, forked.pid());
            forked.process.onExit().thenAccept(p -> forked.exited());
            return forked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** A JVM command line: this JVM's java, the given options, a marker naming the stack, classpath and main. */
    static List<String> javaCommand(List<String> jvmOptions, String marker, String classpath, String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add(marker);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Waits for the process to end on its own (a one-shot tool); false when it did not within the timeout. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** From now on an exit that was not asked for is logged as a warning. */
    void markReady() {
        ready = true;
    }

    /** SIGTERM, then SIGKILL after {@code grace}. Idempotent. */
    void stop(Duration grace) {
        exitExpected = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {} s: killing it", name, grace.toSeconds());
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        pidFiles.remove(name);
    }

    /** The last lines of the log without stack frames (the messages are what explain a failure). */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(line -> !STACK_FRAME.matcher(line).find())
                    .toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void exited() {
        if (ready && !exitExpected) {
            log.warn("{} exited unexpectedly with code {}: see {}", name, process.exitValue(), logFile);
        }
    }
}
