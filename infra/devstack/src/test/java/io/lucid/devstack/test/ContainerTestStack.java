package io.lucid.devstack.test;

import io.lucid.devstack.EmbeddedStack;
import io.lucid.devstack.PostgresCluster;
import io.lucid.devstack.StackConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link TestStack} on containers, for machines with a Docker engine ({@code -Dlucid.test.stack=containers} or
 * {@code LUCID_TEST_STACK=containers}): PostgreSQL with logical decoding, a KRaft Kafka broker and a Confluent schema
 * registry run in containers, the images of the production manifests where there are some; the Lucid parts (relay,
 * projections and stream processors in this JVM, command-api and query-api forked) run as on the embedded stack,
 * pointed at the containers through {@link StackConfig}'s external URLs ({@code LUCID_DB_URL},
 * {@code LUCID_KAFKA_BOOTSTRAP}, {@code LUCID_SCHEMA_REGISTRY_URL}). Started once per test JVM, stopped by a shutdown
 * hook.
 *
 * <p>Without a Docker engine every test that asks for it is aborted (reported as skipped) with the reason
 * Testcontainers gave, rather than failing or quietly running on the embedded stack.
 */
public final class ContainerTestStack implements TestStack {

    /** The same major version as the CloudNativePG image of infra/deploy, from the official image. */
    static final String POSTGRES_IMAGE = "postgres:15";
    /** The broker version the build uses (kafka_2.13 4.3.1), in Apache's image (KRaft, one node). */
    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    /** The registry of infra/deploy/k8s/base/registry.yaml. */
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.7.1";
    /** Where the registry reaches the broker on the containers' network. */
    private static final String KAFKA_ALIAS = "kafka";
    private static final int KAFKA_INTERNAL_PORT = 19092;
    private static final int REGISTRY_PORT = 8081;

    private final EmbeddedTestStack lucid;

    private ContainerTestStack(EmbeddedTestStack lucid) {
        this.lucid = lucid;
    }

    /** The JVM's shared instance, started on the first call; aborts the calling test where no Docker engine is. */
    public static ContainerTestStack get() {
        return Holder.STARTED.orAbort();
    }

    /** A started stack, or why there is none. */
    record Started(ContainerTestStack stack, String unavailable) {

        ContainerTestStack orAbort() {
            if (stack == null) {
                throw new TestAbortedException(unavailable);
            }
            return stack;
        }
    }

    private static final class Holder {
        static final Started STARTED = startShared();
    }

    /**
     * Why the container stack cannot run here: {@code "no Docker engine: <what Testcontainers said>"}, or empty when
     * {@code probe} (which asks Testcontainers for a Docker client) succeeds.
     */
    static Optional<String> dockerAbsence(Callable<?> probe) {
        try {
            probe.call();
            return Optional.empty();
        } catch (Exception | LinkageError e) {
            String said = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
            return Optional.of("no Docker engine: " + said.lines().findFirst().orElse(said));
        }
    }

    /** {@link #dockerAbsence(Callable)} of this machine, asking Testcontainers. */
    static Optional<String> dockerAbsence() {
        return dockerAbsence(() -> DockerClientFactory.instance().client());
    }

    private static Started startShared() {
        Optional<String> absence = dockerAbsence();
        if (absence.isPresent()) {
            return new Started(null, absence.get());
        }
        Network network = Network.newNetwork();
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withNetwork(network)
                .withDatabaseName(PostgresCluster.DATABASE)
                .withUsername("postgres")
                .withPassword("postgres")
                // As the embedded stack's PostgreSQL: logical decoding for the relay (pgoutput).
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10",
                        "-c", "max_wal_senders=10", "-c", "fsync=off");
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(network)
                .withListener(KAFKA_ALIAS + ":" + KAFKA_INTERNAL_PORT)
                // As the embedded broker and production: every topic comes from the catalogue.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS",
                        "PLAINTEXT://" + KAFKA_ALIAS + ":" + KAFKA_INTERNAL_PORT)
                .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward_transitive")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))
                .dependsOn(kafka);
        Startables.deepStart(Stream.of(postgres, kafka, registry)).join();

        Path dir = EmbeddedTestStack.createTempDir();
        String jdbcUrl = "jdbc:postgresql://" + postgres.getHost() + ":"
                + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + PostgresCluster.DATABASE;
        StackConfig config = external(StackConfig.forTests(dir), jdbcUrl, postgres.getUsername(),
                postgres.getPassword(), kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT));
        EmbeddedStack stack = EmbeddedStack.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            Stream.of(registry, kafka, postgres).forEach(GenericContainer::stop);
            network.close();
            EmbeddedTestStack.deleteQuietly(dir);
        }, "lucid-container-stack-stop"));
        return new Started(new ContainerTestStack(new EmbeddedTestStack(stack, null)), null);
    }

    /** {@code base} with PostgreSQL, Kafka and the registry elsewhere: the stack then starts none of them. */
    static StackConfig external(StackConfig base, String jdbcUrl, String user, String password, String bootstrap,
            String registryUrl) {
        return new StackConfig(base.dataDir(), base.repoRoot(), base.fresh(), base.pgPort(), base.kafkaPort(),
                base.controllerPort(), base.registryPort(), base.commandPort(), base.queryPort(), Optional.of(jdbcUrl),
                user, password, Optional.of(bootstrap), Optional.of(registryUrl), base.jwtSecret(), base.pgBin(),
                base.durable(), base.brokerJvmOptions(), base.serviceJvmOptions(), base.skipped(), 1);
    }

    /**
     * Kills command-api or query-api as on the embedded stack. PostgreSQL and the broker are containers here: a
     * restarted container gets new host ports, which the running services could not follow, so stopping, starting
     * or killing them aborts (skips) the test; the embedded stack runs those faults.
     */
    @Override
    public void kill(String process) throws Exception {
        refuseContainer("kill", process);
        lucid.kill(process);
    }

    @Override
    public void stop(String component) throws Exception {
        refuseContainer("stop", component);
        lucid.stop(component);
    }

    @Override
    public void start(String component) throws Exception {
        refuseContainer("start", component);
        lucid.start(component);
    }

    private static void refuseContainer(String what, String part) {
        if (part.equals("postgres") || part.equals("kafka")) {
            throw new TestAbortedException("the container test stack does not " + what + " " + part
                    + " (a restarted container changes its host ports); the embedded stack does");
        }
    }

    @Override
    public Optional<Path> logFile(String process) {
        return lucid.logFile(process);
    }

    @Override
    public String kafkaBootstrap() {
        return lucid.kafkaBootstrap();
    }

    @Override
    public String jdbcUrl() {
        return lucid.jdbcUrl();
    }

    @Override
    public String dbUser() {
        return lucid.dbUser();
    }

    @Override
    public String dbPassword() {
        return lucid.dbPassword();
    }

    @Override
    public URI schemaRegistryUrl() {
        return lucid.schemaRegistryUrl();
    }

    @Override
    public URI commandApi() {
        return lucid.commandApi();
    }

    @Override
    public URI queryApi() {
        return lucid.queryApi();
    }

    @Override
    public String adminToken() {
        return lucid.adminToken();
    }

    @Override
    public String jwtSecret() {
        return lucid.jwtSecret();
    }

    @Override
    public String tokenFor(String role) {
        return lucid.tokenFor(role);
    }
}
