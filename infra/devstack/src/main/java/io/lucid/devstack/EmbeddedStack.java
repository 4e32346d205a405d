package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the whole local stack: PostgreSQL and the broker in parallel; then the components that must come
 * first (the registry), one after the other; then the forked services and the remaining in-process components
 * (relay, projections), all in parallel. {@link #close()} stops everything in reverse order and never stops
 * half-way; a failed start stops what it had started and throws a one-line {@link StackException}.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);
    /** Entries of the data directory that {@code --fresh} keeps: the launcher's and this run's bookkeeping. */
    private static final Set<String> KEPT_BY_FRESH = Set.of("logs", "run", "build.stamp");

    private final StackConfig config;
    private final List<StackComponent> beforeServices;
    private final List<StackComponent> withServices;
    private final List<ServiceSpec> serviceSpecs;
    private final PidFiles pidFiles;
    private final Deque<Part> started = new ConcurrentLinkedDeque<>();
    private final Map<String, Duration> startupTimes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private volatile boolean closed;
    private volatile CountDownLatch starting;
    private volatile PostgresCluster postgres;
    /** The stack's own brokers (one, or a cluster), empty when Kafka is external. */
    private volatile List<KafkaBroker> brokers = List.of();
    private StackEnvironment environment;
    private String adminToken;

    /** A started part and how to stop it. */
    private record Part(String name, Action stop) {}

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /**
     * @param beforeServices in-process components started in order before everything below
     * @param withServices   in-process components started in parallel with the services
     * @param services       the forked services
     */
    public EmbeddedStack(StackConfig config, List<StackComponent> beforeServices, List<StackComponent> withServices,
            List<ServiceSpec> services) {
        this.config = config;
        this.beforeServices = List.copyOf(beforeServices);
        this.withServices = List.copyOf(withServices);
        this.serviceSpecs = List.copyOf(services);
        this.pidFiles = new PidFiles(config.dataDir().resolve("run"));
    }

    /** A stack of the parts listed in {@link Components}, less those named in {@link StackConfig#skipped()}. */
    public static EmbeddedStack of(StackConfig config) {
        return new EmbeddedStack(config,
                unlessSkipped(config, Components.beforeServices(config), StackComponent::name),
                unlessSkipped(config, Components.withServices(config), StackComponent::name),
                unlessSkipped(config, Components.services(config), ServiceSpec::name));
    }

    private static <T> List<T> unlessSkipped(StackConfig config, List<T> parts, Function<T, String> name) {
        List<T> kept = new ArrayList<>();
        for (T part : parts) {
            if (config.skipped().contains(name.apply(part))) {
                log.info("{} not started (LUCID_SKIP)", name.apply(part));
            } else {
                kept.add(part);
            }
        }
        return kept;
    }

    /** Starts a stack of the parts listed in {@link Components}. */
    public static EmbeddedStack start(StackConfig config) {
        EmbeddedStack stack = of(config);
        stack.start();
        return stack;
    }

    /** Starts every part; on failure stops what was started and throws a {@link StackException}. */
    public void start() {
        starting = new CountDownLatch(1);
        long t0 = System.nanoTime();
        try {
            prepareDataDir();
            Ports.requireFree(portClaims());
            String secret = JwtSecrets.loadOrCreate(config.dataDir().resolve("jwt-secret"), config.jwtSecret());
            adminToken = AdminTokens.admin(secret);
            writePrivate(config.dataDir().resolve("admin-token"), adminToken);
            environment = new StackEnvironment(config.jdbcUrl(), config.dbUser(), config.dbPassword(),
                    config.kafkaBootstrap(), config.schemaRegistryUrl(), config.registryPort(), secret,
                    config.dataDir(), config.commandApiUrl(), config.queryApiUrl());

            List<Runnable> infrastructure = new ArrayList<>();
            if (postgres != null) {
                infrastructure.add(() -> step("postgres", postgres::start, postgres::stop));
            }
            if (config.externalKafkaBootstrap().isEmpty()) {
                // The nodes of a cluster start together: none is ready before a majority of the quorum is up.
                brokers = KafkaBroker.cluster(config, pidFiles);
                if (brokers.size() == 1) {
                    KafkaBroker broker = brokers.get(0);
                    infrastructure.add(() -> step(broker.name(), broker::start, broker::stop));
                } else {
                    // ... and stop together: stopped one by one, the last ones wait for a quorum that has gone.
                    List<KafkaBroker> cluster = brokers;
                    started.addLast(new Part("kafka cluster", () -> inParallel(cluster.stream()
                            .map(b -> (Runnable) b::stop).toList())));
                    for (KafkaBroker broker : brokers) {
                        infrastructure.add(() -> step(broker.name(), broker::start, () -> {}));
                    }
                }
            }
            inParallel(infrastructure);
            if (brokers.size() > 1) {
                KafkaBroker.awaitCluster(config);
            }
            for (StackComponent component : beforeServices) {
                step(component.name(), () -> component.start(environment), component::close);
            }
            List<Runnable> rest = new ArrayList<>();
            for (ServiceSpec spec : serviceSpecs) {
                ServiceProcess service = new ServiceProcess(spec, config, pidFiles);
                services.put(spec.name(), service);
                rest.add(() -> step(spec.name(), () -> service.start(environment), service::stop));
            }
            for (StackComponent component : withServices) {
                rest.add(() -> step(component.name(), () -> component.start(environment), component::close));
            }
            inParallel(rest);
            startupTimes.put("total", Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            stopAll();
            throw e instanceof StackException se ? se : new StackException(oneLine(e), e);
        } finally {
            starting.countDown();
        }
    }

    public StackConfig config() {
        return config;
    }

    public StackEnvironment environment() {
        return environment;
    }

    public String adminToken() {
        return adminToken;
    }

    /** How long each part took to become ready, in start order, plus {@code total}. */
    public Map<String, Duration> startupTimes() {
        synchronized (startupTimes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
        }
    }

    /** The processes this stack runs (postmaster, broker, services) by name: what {@link #close()} must end. */
    public Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (postgres != null) {
            PostgresCluster.postmasterPid(pgDataDir()).ifPresent(pid -> pids.put("postgres", pid));
        }
        for (KafkaBroker broker : brokers) {
            if (broker.pid() > 0) {
                pids.put(broker.name(), broker.pid());
            }
        }
        services.forEach((name, service) -> {
            if (service.pid() > 0) {
                pids.put(name, service.pid());
            }
        });
        return pids;
    }

    /** The names of the in-process components and the forked services, as passed in. */
    public List<String> partNames() {
        List<String> names = new ArrayList<>();
        beforeServices.forEach(c -> names.add(c.name()));
        withServices.forEach(c -> names.add(c.name()));
        serviceSpecs.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * Stops one in-process component or service (tests use it to restart the relay), or the stack's own PostgreSQL
     * ({@code postgres}) or a broker ({@value KafkaBroker#NAME}, or {@code kafka-<node>} in a cluster), as the fault
     * tests do.
     */
    public void stopComponent(String name) throws Exception {
        if (name.equals("postgres") && postgres != null) {
            postgres.stop();
            return;
        }
        Optional<KafkaBroker> broker = broker(name);
        if (broker.isPresent()) {
            broker.get().stop();
            return;
        }
        Optional<StackComponent> component = component(name);
        if (component.isPresent()) {
            component.get().close();
        } else {
            service(name).stop();
        }
    }

    /** Starts again a component or service stopped with {@link #stopComponent}. */
    public void startComponent(String name) throws Exception {
        if (name.equals("postgres") && postgres != null) {
            postgres.start();
            return;
        }
        Optional<KafkaBroker> broker = broker(name);
        if (broker.isPresent()) {
            broker.get().start();
            return;
        }
        Optional<StackComponent> component = component(name);
        if (component.isPresent()) {
            component.get().start(environment);
        } else {
            service(name).start(environment);
        }
    }

    /** Stops everything in reverse start order; logs and continues past any failure. Idempotent. */
    @Override
    public void close() {
        closed = true;
        stopAll();
        CountDownLatch latch = starting;
        if (latch != null && latch.getCount() > 0) {
            // A start still running (Ctrl-C during startup) may be about to launch a part: let it notice and stop.
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopAll();
        }
    }

    private void step(String name, Action start, Action stop) {
        if (closed) {
            throw new StackException("the stack is stopping");
        }
        started.addLast(new Part(name, stop));
        long t0 = System.nanoTime();
        log.info("starting {}", name);
        try {
            start.run();
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException(name + " failed to start: " + oneLine(e), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        startupTimes.put(name, took);
        log.info("{} ready in {} ms", name, took.toMillis());
        if (closed) {
            throw new StackException("the stack is stopping");
        }
    }

    /** Runs the steps on their own threads and waits for all; the first failure is rethrown. */
    private static void inParallel(List<Runnable> steps) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Runnable step : steps) {
            futures.add(CompletableFuture.runAsync(step, r -> {
                Thread thread = new Thread(r, "lucid-start");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new StackException(oneLine(e), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopAll() {
        Part part;
        boolean any = false;
        while ((part = started.pollLast()) != null) {
            any = true;
            try {
                log.info("stopping {}", part.name());
                part.stop().run();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.name(), oneLine(e));
            }
        }
        if (any && started.isEmpty()) {
            log.info("stopped");
        }
    }

    /** Stops what a crashed run left behind, applies {@code --fresh}, and creates the directories. */
    private void prepareDataDir() {
        Path data = config.dataDir();
        try {
            Files.createDirectories(data.resolve("logs"));
            Files.createDirectories(data.resolve("run"));
        } catch (IOException e) {
            throw new StackException("cannot create " + data + ": " + e.getMessage(), e);
        }
        pidFiles.stopLeftovers(PidFiles.marker(data), Devstack.PID_NAME);
        if (config.externalDbUrl().isEmpty()) {
            postgres = new PostgresCluster(PostgresCluster.findBinaries(config.pgBin(), PostgresCluster.DEBIAN_ROOT),
                    pgDataDir(), data, config.pgPort(), config.durable());
            postgres.stopLeftover(); // before --fresh deletes its directory
        }
        if (config.fresh()) {
            log.info("--fresh: deleting the stack's data in {}", data);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(data)) {
                for (Path entry : entries) {
                    if (!KEPT_BY_FRESH.contains(entry.getFileName().toString())) {
                        FileTrees.delete(entry);
                    }
                }
            } catch (IOException e) {
                throw new StackException("cannot delete the data in " + data + ": " + e.getMessage(), e);
            }
        }
    }

    private List<Ports.Claim> portClaims() {
        List<Ports.Claim> claims = new ArrayList<>();
        if (config.externalDbUrl().isEmpty()) {
            claims.add(new Ports.Claim(config.pgPort(), "PostgreSQL",
                    "set LUCID_PG_PORT, or LUCID_DB_URL to use an external PostgreSQL"));
        }
        if (config.externalKafkaBootstrap().isEmpty()) {
            for (int node = 1; node <= config.kafkaBrokers(); node++) {
                String which = config.kafkaBrokers() == 1 ? "" : " " + node;
                claims.add(new Ports.Claim(config.kafkaPort(node), "Kafka broker" + which,
                        "set LUCID_KAFKA_PORT, or LUCID_KAFKA_BOOTSTRAP to use an external Kafka"));
                claims.add(new Ports.Claim(config.controllerPort(node), "Kafka controller" + which,
                        "set LUCID_KAFKA_CONTROLLER_PORT, or LUCID_KAFKA_BOOTSTRAP to use an external Kafka"));
            }
        }
        if (config.externalRegistryUrl().isEmpty()) {
            claims.add(new Ports.Claim(config.registryPort(), "schema registry",
                    "set LUCID_REGISTRY_PORT, or LUCID_SCHEMA_REGISTRY_URL to use an external registry"));
        }
        for (ServiceSpec spec : serviceSpecs) {
            claims.add(new Ports.Claim(spec.port(), spec.name(), "set " + spec.portVariable()));
        }
        return claims;
    }

    private Optional<KafkaBroker> broker(String name) {
        return brokers.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    private Path pgDataDir() {
        return config.dataDir().resolve("postgres");
    }

    private Optional<StackComponent> component(String name) {
        return Stream.concat(beforeServices.stream(), withServices.stream())
                .filter(c -> c.name().equals(name)).findFirst();
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no component or service named " + name);
        }
        return service;
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while ((root instanceof CompletionException || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return message.lines().findFirst().orElse(root.getClass().getName());
    }
}
