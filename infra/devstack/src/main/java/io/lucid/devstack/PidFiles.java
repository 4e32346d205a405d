package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code <data>/run/*.pid} files of the processes a stack started, so that {@code ./lucid down} and the next
 * {@code up} can find what a crashed run left behind.
 *
 * <p>A pid is only trusted when the live process's command line still carries the stack's marker: pids are reused,
 * and killing an unrelated process would be far worse than leaving a stale one.
 */
public final class PidFiles {

    private static final Logger log = LoggerFactory.getLogger(PidFiles.class);
    private static final String SUFFIX = ".pid";

    private final Path runDir;

    public PidFiles(Path runDir) {
        this.runDir = runDir;
    }

    /** The command-line marker every process forked for the stack in {@code dataDir} carries. */
    public static String marker(Path dataDir) {
        return "-Dlucid.stack=" + dataDir.toAbsolutePath().normalize();
    }

    public void write(String name, long pid) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(file(name), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file(name), e.getMessage());
        }
    }

    /** The live process a pid file names, if its command line contains {@code marker}. */
    public Optional<ProcessHandle> live(String name, String marker) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(p).contains(marker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The full command line. Read from {@code /proc} because {@link ProcessHandle.Info#commandLine()} cuts long
     * ones short, and the classpath of a JVM is long enough to hide the main class that follows it.
     */
    static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /**
     * Stops every live process named by a pid file (except {@code keep}) whose command line carries the marker,
     * and deletes the pid files. Returns how many processes were stopped.
     */
    public int stopLeftovers(String marker, String keep) {
        if (!Files.isDirectory(runDir)) {
            return 0;
        }
        int stopped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - SUFFIX.length());
                if (name.equals(keep)) {
                    continue;
                }
                Optional<ProcessHandle> process = live(name, marker);
                if (process.isPresent()) {
                    log.info("stopping {} (pid {}) left over from an earlier run", name, process.get().pid());
                    terminate(process.get(), Duration.ofSeconds(20));
                    stopped++;
                }
                remove(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir, e);
        }
        return stopped;
    }

    /** SIGTERM, wait, then SIGKILL: for processes that are not our children. */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's next check
            }
            return false;
        }
    }

    private Path file(String name) {
        return runDir.resolve(name + SUFFIX);
    }
}
