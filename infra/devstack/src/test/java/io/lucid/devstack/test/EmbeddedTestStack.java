package io.lucid.devstack.test;

import io.lucid.devstack.AdminTokens;
import io.lucid.devstack.EmbeddedStack;
import io.lucid.devstack.PostgresCluster;
import io.lucid.devstack.StackConfig;
import io.lucid.devstack.StackEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link TestStack} on the embedded stack: started on first use in a temporary directory with free ports, once per
 * test JVM, and stopped by a shutdown hook, which deletes the directory unless a test of the JVM failed. A test
 * that needs a stack of another configuration (a broker cluster) starts one of its own with {@link #startOwn} and
 * closes it.
 */
public final class EmbeddedTestStack implements TestStack, AutoCloseable {

    private final EmbeddedStack stack;
    private final StackEnvironment env;
    /** The data directory of a stack of its own, deleted on close; null for the shared one. */
    private final Path ownDir;

    EmbeddedTestStack(EmbeddedStack stack, Path ownDir) {
        this.stack = stack;
        this.env = stack.environment();
        this.ownDir = ownDir;
    }

    /**
     * Starts a stack of its own, configured by {@code config} from a fresh data directory (e.g.
     * {@code dir -> StackConfig.forTests(dir, 3)}); the caller closes it.
     */
    public static EmbeddedTestStack startOwn(java.util.function.Function<Path, StackConfig> config) {
        Path dir = createTempDir();
        return new EmbeddedTestStack(EmbeddedStack.start(config.apply(dir)), dir);
    }

    /** Stops a stack started with {@link #startOwn} and deletes its data; the shared stack stops with the JVM. */
    @Override
    public void close() {
        if (ownDir == null) {
            throw new IllegalStateException("the shared test stack stops with the JVM");
        }
        stack.close();
        deleteQuietly(ownDir);
    }

    /** The JVM's shared instance, started on the first call. */
    public static EmbeddedTestStack get() {
        return Holder.INSTANCE;
    }

    /** Lazily initialised by the class loader: exactly one start per JVM, thread-safe without locks. */
    private static final class Holder {
        static final EmbeddedTestStack INSTANCE = startShared();
    }

    private static EmbeddedTestStack startShared() {
        // After a failed start the directory is kept: the failure message points at the logs in it.
        Path dir = createTempDir();
        EmbeddedStack stack = EmbeddedStack.start(StackConfig.forTests(dir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            if (FailedTests.any()) {
                // System.err, not the logger: logback may already be stopped by its own shutdown hook
                System.err.println("a test failed: the stack's logs are kept in " + dir.resolve("logs"));
            } else {
                deleteQuietly(dir);
            }
        }, "lucid-test-stack-stop"));
        return new EmbeddedTestStack(stack, null);
    }

    /**
     * A fresh directory for a test stack's data, under the module's build directory rather than the OS temporary
     * directory: Kafka Streams warns that its state there may be cleaned away under a running application.
     */
    public static Path createTempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "stacks").toAbsolutePath()),
                    "lucid-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the OS cleans up what is left
        }
    }

    @Override
    public void kill(String process) throws Exception {
        Path data = stack.config().dataDir();
        Optional<Long> pid;
        if (process.equals("postgres")) {
            pid = PostgresCluster.postmasterPid(data.resolve("postgres"));
        } else {
            Path pidFile = data.resolve("run").resolve(process + ".pid");
            pid = Files.isReadable(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        }
        ProcessHandle root = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(process + " is not running"));
        // The children first would let the parent notice and react; all at once is what a crash looks like.
        List<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants()).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public Optional<Path> logFile(String process) {
        Path log = stack.config().dataDir().resolve("logs").resolve(process + ".log");
        return Files.isRegularFile(log) ? Optional.of(log) : Optional.empty();
    }

    /** The underlying stack, for tests of the stack itself. */
    public EmbeddedStack stack() {
        return stack;
    }

    @Override
    public String kafkaBootstrap() {
        return env.kafkaBootstrap();
    }

    @Override
    public String jdbcUrl() {
        return env.jdbcUrl();
    }

    @Override
    public String dbUser() {
        return env.dbUser();
    }

    @Override
    public String dbPassword() {
        return env.dbPassword();
    }

    @Override
    public URI schemaRegistryUrl() {
        return URI.create(env.schemaRegistryUrl());
    }

    @Override
    public URI commandApi() {
        return URI.create(env.commandApiUrl());
    }

    @Override
    public URI queryApi() {
        return URI.create(env.queryApiUrl());
    }

    @Override
    public String adminToken() {
        return stack.adminToken();
    }

    @Override
    public String jwtSecret() {
        return env.jwtSecret();
    }

    @Override
    public void stop(String component) throws Exception {
        stack.stopComponent(component);
    }

    @Override
    public void start(String component) throws Exception {
        stack.startComponent(component);
    }

    @Override
    public String tokenFor(String role) {
        return AdminTokens.mint(env.jwtSecret(), "test-" + role.toLowerCase(), List.of(role), Duration.ofHours(1));
    }
}
