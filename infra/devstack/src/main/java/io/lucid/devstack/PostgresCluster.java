package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster from the system binaries, with {@code wal_level=logical} for the relay.
 *
 * <p>{@code initdb} refuses to run as root, so when the stack runs as root the cluster belongs to the
 * {@code postgres} user and every binary runs through {@code runuser}. The data directory is reused across runs, so
 * a restart keeps the event store.
 */
public final class PostgresCluster {

    public static final String DATABASE = "lucid";
    public static final String SUPERUSER = "postgres";
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    /** sun_path is 108 bytes on Linux; PostgreSQL refuses a longer socket path. */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path bin;
    private final Path dataDir;
    private final Path stackDir;
    private final int port;
    private final boolean durable;
    private final boolean asRoot;

    /**
     * @param dataDir  the cluster's directory
     * @param stackDir the stack's data directory, which contains {@code dataDir}; directories inside it are ours to
     *                 open up for the postgres user
     */
    public PostgresCluster(Path bin, Path dataDir, Path stackDir, int port, boolean durable) {
        this.bin = bin;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.stackDir = stackDir.toAbsolutePath().normalize();
        this.port = port;
        this.durable = durable;
        this.asRoot = isRoot();
    }

    /**
     * The directory holding {@code initdb} and {@code pg_ctl}: {@code configured} (LUCID_PG_BIN) if given, else the
     * newest {@code <root>/<version>/bin} that has {@code initdb}.
     */
    public static Path findBinaries(Optional<Path> configured, Path root) {
        if (configured.isPresent()) {
            if (!Files.isExecutable(configured.get().resolve("initdb"))) {
                throw new StackException("LUCID_PG_BIN=" + configured.get() + " has no executable initdb");
            }
            return configured.get();
        }
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions
                    .filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                    .max((a, b) -> compareVersions(a.getFileName().toString(), b.getFileName().toString()))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new StackException("PostgreSQL binaries not found (no initdb under " + root
                            + "/*/bin): install postgresql-15, set LUCID_PG_BIN, or set LUCID_DB_URL to use an"
                            + " external PostgreSQL"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orders "9.6" before "15" before "16.1": numerically, part by part. */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            int diff = Integer.compare(number(pa, i), number(pb, i));
            if (diff != 0) {
                return diff;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Initialises the cluster if needed, starts it and creates the {@value #DATABASE} database. */
    public void start() {
        if (asRoot) {
            openUpForPostgresUser();
        }
        stopLeftover();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb();
        }
        Path logFile = stackDir.resolve("logs").resolve("postgres.log");
        prepareLogFile(logFile);
        pgCtl(List.of("-D", dataDir.toString(), "-w", "-t", "60", "-l", logFile.toString(), "start", "-o",
                serverOptions()), "start PostgreSQL (see " + logFile + ")");
        createDatabase();
    }

    /** {@code pg_ctl stop -m fast}; safe to call when the cluster is not running. */
    public void stop() {
        if (isRunning(dataDir)) {
            pgCtl(List.of("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), "stop PostgreSQL");
        }
    }

    /** Stops a cluster that a crashed run left running in this directory, so that it restarts with our options. */
    public void stopLeftover() {
        if (isRunning(dataDir)) {
            log.info("stopping PostgreSQL left over from an earlier run in {}", dataDir);
            stop();
        }
    }

    /** The postmaster's pid from {@code postmaster.pid}, if that process is alive. */
    public static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isReadable(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static boolean isRunning(Path dataDir) {
        return postmasterPid(dataDir).isPresent();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String serverOptions() {
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "wal_level=logical",
                "-c", "max_replication_slots=10",
                "-c", "max_wal_senders=10"));
        // The socket lives in the data dir (the Debian default /var/run/postgresql may not be writable); a path too
        // long for a Unix socket disables the socket instead: everything here connects over TCP.
        String socketDir = dataDir.toString().length() < MAX_SOCKET_PATH ? dataDir.toString() : "";
        options.add("-k");
        options.add("'" + socketDir + "'");
        if (!durable) {
            // Skips the flushes that only an OS crash or power loss needs. synchronous_commit stays on: off, a commit
            // is acknowledged before its WAL leaves PostgreSQL's memory, so killing the server process loses it
            // (CrashIT saw acknowledged commands missing after a SIGKILL); on, with fsync off, it costs a write().
            options.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off"));
        }
        return String.join(" ", options);
    }

    private void initdb() {
        log.info("initialising a PostgreSQL cluster in {}", dataDir);
        try {
            if (Files.exists(dataDir)) {
                FileTrees.delete(dataDir); // a half-initialised directory from an interrupted initdb
            }
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (asRoot) {
                chownToPostgres(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER, "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), "initialise PostgreSQL in " + dataDir);
    }

    private void pgCtl(List<String> args, String what) {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve("pg_ctl").toString());
        command.addAll(args);
        run(command, what);
    }

    /** Runs a PostgreSQL binary (as postgres when we are root); its output goes to logs/pg_ctl.log. */
    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        Path output = stackDir.resolve("logs").resolve("pg_ctl.log");
        try {
            Files.createDirectories(output.getParent());
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("could not " + what + " within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new StackException("could not " + what + ": " + lastLine(output));
            }
        } catch (IOException e) {
            throw new StackException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while trying to " + what, e);
        }
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new StackException("could not create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The postgres user must traverse every directory down to the cluster. Directories inside the stack's data
     * directory are ours, so they get o+x; anything above that is the user's to fix, with a clear message.
     */
    private void openUpForPostgresUser() {
        try {
            Files.createDirectories(dataDir.getParent());
            for (Path dir = dataDir.getParent(); dir != null && dir.startsWith(stackDir); dir = dir.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
                if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(dir, perms);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dataDir.getParent(), e);
        }
        try {
            Process probe = new ProcessBuilder("runuser", "-u", SUPERUSER, "--", "test", "-x",
                    dataDir.getParent().toString()).start();
            if (probe.waitFor() != 0) {
                throw new StackException("PostgreSQL runs as the postgres user (we are root), which cannot reach "
                        + dataDir.getParent() + ": make the directories above it traversable (chmod o+x) or set"
                        + " LUCID_DB_URL");
            }
        } catch (IOException e) {
            throw new StackException("cannot run runuser to start PostgreSQL as postgres: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private void prepareLogFile(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (!Files.exists(logFile)) {
                Files.createFile(logFile);
            }
            if (asRoot) {
                chownToPostgres(logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logFile, e);
        }
    }

    private static void chownToPostgres(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        try {
            Files.setOwner(path, users.lookupPrincipalByName(SUPERUSER));
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(users.lookupPrincipalByGroupName(SUPERUSER));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new StackException("running as root needs the postgres user (initdb refuses root): install"
                    + " postgresql-15, or run as an ordinary user, or set LUCID_DB_URL");
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "(no output)";
        } catch (IOException e) {
            return "(no output)";
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
