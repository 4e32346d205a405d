package io.lucid.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything that decides how the local stack runs: where its data lives, its ports, which parts are external, and
 * the forked JVMs' options. {@link #fromEnvironment} serves {@code ./lucid up}; {@link #forTests} picks free ports.
 *
 * @param repoRoot     the checkout, where the forked JVMs' classpath files are built
 * @param durable      false skips fsync in PostgreSQL (tests only: an OS crash may lose data, a process crash not)
 * @param externalDbUrl when present no PostgreSQL is started and this JDBC URL is used
 * @param skipped      components and services not to start ({@code LUCID_SKIP=command-api,relay}), e.g. to run one
 *                     of them from an IDE against the rest of the stack
 * @param kafkaBrokers how many Kafka nodes the stack runs ({@code LUCID_KAFKA_BROKERS}, 1 by default): with 3 or more
 *                     every topic has 3 replicas and {@code min.insync.replicas} 2, as on a production cluster. Node
 *                     {@code n} (1-based) listens on {@code kafkaPort + 2(n-1)} and {@code controllerPort + 2(n-1)}
 */
public record StackConfig(
        Path dataDir,
        Path repoRoot,
        boolean fresh,
        int pgPort,
        int kafkaPort,
        int controllerPort,
        int registryPort,
        int commandPort,
        int queryPort,
        Optional<String> externalDbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> externalKafkaBootstrap,
        Optional<String> externalRegistryUrl,
        Optional<String> jwtSecret,
        Optional<Path> pgBin,
        boolean durable,
        List<String> brokerJvmOptions,
        List<String> serviceJvmOptions,
        Set<String> skipped,
        int kafkaBrokers) {

    /** The most brokers a local cluster may have: each is a JVM of a few hundred MB. */
    public static final int MAX_KAFKA_BROKERS = 5;

    /*
     * Serial GC (two cores: a parallel collector has no spare core to use) with a fixed young generation: under load
     * these processes allocate hundreds of MB/s, and with the default young generation of a small initial heap they
     * spent a fifth of their CPU in collections, a third of it in full collections of a growing old generation
     * (docs/benchmarks.md, "Command side"). The young generation is only touched as far as it is used.
     */
    public static final List<String> BROKER_JVM_OPTIONS =
            List.of("-Xms192m", "-Xmx384m", "-Xmn96m", "-XX:+UseSerialGC");
    /**
     * Both compilers: C1 alone (-XX:TieredStopAtLevel=1) starts a little faster and uses less memory, but gave the
     * command path about half the throughput (docs/benchmarks.md, "Command side").
     */
    public static final List<String> SERVICE_JVM_OPTIONS =
            List.of("-Xms256m", "-Xmx640m", "-Xmn128m", "-XX:+UseSerialGC");

    public StackConfig {
        dataDir = dataDir.toAbsolutePath().normalize();
        repoRoot = repoRoot.toAbsolutePath().normalize();
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        skipped = Set.copyOf(skipped);
        if (kafkaBrokers < 1 || kafkaBrokers > MAX_KAFKA_BROKERS) {
            throw new StackException("LUCID_KAFKA_BROKERS=" + kafkaBrokers + " is not between 1 and "
                    + MAX_KAFKA_BROKERS);
        }
    }

    /** The configuration of {@code ./lucid up}: default ports, each overridable from the process environment. */
    public static StackConfig fromEnvironment(Path dataDir, boolean fresh) {
        return fromEnvironment(dataDir, fresh, System.getenv());
    }

    /** As {@link #fromEnvironment(Path, boolean)} with an explicit environment (tests). */
    public static StackConfig fromEnvironment(Path dataDir, boolean fresh, Map<String, String> env) {
        Env e = new Env(env);
        return new StackConfig(
                dataDir,
                repoRoot(env, Path.of("")),
                fresh,
                e.port("LUCID_PG_PORT", 5433),
                e.port("LUCID_KAFKA_PORT", 9092),
                e.port("LUCID_KAFKA_CONTROLLER_PORT", 9093),
                e.port("LUCID_REGISTRY_PORT", 8081),
                e.port("LUCID_COMMAND_PORT", 8080),
                e.port("LUCID_QUERY_PORT", 8082),
                e.get("LUCID_DB_URL"),
                e.get("LUCID_DB_USER").orElse("postgres"),
                Optional.ofNullable(env.get("LUCID_DB_PASSWORD")).orElse(""),
                e.get("LUCID_KAFKA_BOOTSTRAP"),
                e.get("LUCID_SCHEMA_REGISTRY_URL"),
                e.get("LUCID_JWT_SECRET"),
                e.get("LUCID_PG_BIN").map(Path::of),
                true,
                e.options("LUCID_BROKER_JVM_OPTS", BROKER_JVM_OPTIONS),
                e.options("LUCID_SERVICE_JVM_OPTS", SERVICE_JVM_OPTIONS),
                e.names("LUCID_SKIP"),
                e.count("LUCID_KAFKA_BROKERS", 1));
    }

    /**
     * A self-contained stack for tests: free ports for everything, nothing external, PostgreSQL without fsync.
     * {@code LUCID_PG_BIN} and {@code LUCID_SKIP} are still honoured (PostgreSQL elsewhere, a part left out).
     */
    public static StackConfig forTests(Path dataDir) {
        return forTests(dataDir, 1);
    }

    /** As {@link #forTests(Path)} with {@code kafkaBrokers} brokers, on a block of free ports (two per broker). */
    public static StackConfig forTests(Path dataDir, int kafkaBrokers) {
        int[] ports = Ports.freePorts(6);
        int kafka = ports[1];
        int controller = ports[2];
        if (kafkaBrokers > 1) {
            kafka = Ports.freeBlock(2 * kafkaBrokers, ports);
            controller = kafka + 1;
        }
        Env env = new Env(System.getenv());
        return new StackConfig(dataDir, repoRoot(System.getenv(), Path.of("")), false,
                ports[0], kafka, controller, ports[3], ports[4], ports[5],
                Optional.empty(), "postgres", "", Optional.empty(), Optional.empty(), Optional.empty(),
                env.get("LUCID_PG_BIN").map(Path::of), false,
                BROKER_JVM_OPTIONS, SERVICE_JVM_OPTIONS, env.names("LUCID_SKIP"), kafkaBrokers);
    }

    /** The client listener of broker {@code node} (1-based). */
    public int kafkaPort(int node) {
        return kafkaPort + 2 * (node - 1);
    }

    /** The controller listener of broker {@code node} (1-based). */
    public int controllerPort(int node) {
        return controllerPort + 2 * (node - 1);
    }

    /** Copies of each topic's partitions: one per broker, at most 3. */
    public int replicationFactor() {
        return Math.min(kafkaBrokers, 3);
    }

    /** Replicas that must have a write before acks=all answers: 2 of 3, so one broker may be lost; else 1. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    /** Every broker of the stack's cluster, so a client can still connect while one of them is down. */
    public String kafkaBootstrap() {
        return externalKafkaBootstrap.orElseGet(() -> java.util.stream.IntStream.rangeClosed(1, kafkaBrokers)
                .mapToObj(node -> "127.0.0.1:" + kafkaPort(node)).collect(Collectors.joining(",")));
    }

    public String schemaRegistryUrl() {
        return externalRegistryUrl.orElse("http://127.0.0.1:" + registryPort);
    }

    public String localJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + PostgresCluster.DATABASE;
    }

    public String jdbcUrl() {
        return externalDbUrl.orElse(localJdbcUrl());
    }

    public String commandApiUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    public String queryApiUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    /**
     * The checkout: {@code LUCID_HOME}, else the nearest directory at or above {@code start} that holds
     * {@code infra/kafka-broker/pom.xml} (the launcher runs from the root, Maven tests from a module directory).
     */
    static Path repoRoot(Map<String, String> env, Path start) {
        String home = env.get("LUCID_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/kafka-broker/pom.xml"))) {
                return dir;
            }
        }
        throw new StackException("cannot find the lucid checkout (no infra/kafka-broker/pom.xml at or above "
                + start.toAbsolutePath() + "): run from the repository or set LUCID_HOME");
    }

    /** Typed reads of the environment with one-line errors. */
    private record Env(Map<String, String> env) {

        Optional<String> get(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        int port(String name, int fallback) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.get());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new StackException(name + "=" + value.get() + " is not a port number (1-65535)");
            }
        }

        int count(String name, int fallback) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw new StackException(name + "=" + value.get() + " is not a number");
            }
        }

        Set<String> names(String name) {
            return get(name).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(n -> !n.isEmpty())
                    .collect(Collectors.toSet())).orElse(Set.of());
        }

        List<String> options(String name, List<String> fallback) {
            return get(name).map(v -> (List<String>) new ArrayList<>(Arrays.asList(v.split("\\s+")))).orElse(fallback);
        }
    }
}
