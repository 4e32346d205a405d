package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka KRaft node (broker and controller in one) in a forked JVM, run from the jars that {@code infra/kafka-broker}
 * resolves. Forked rather than in-process to keep Scala and the broker's log4j off the devstack classpath. A stack has
 * one ({@value #NAME}, output in {@code <data>/logs/kafka.log}) or, with {@link StackConfig#kafkaBrokers()} above 1,
 * a cluster of them ({@code kafka-1}, {@code kafka-2}, ...; each a voter of the controller quorum, each with its own
 * storage and log), whose topics are replicated ({@link StackConfig#replicationFactor()}).
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackConfig config;
    private final int node;
    private final String name;
    private final Path home;
    private final PidFiles pidFiles;
    private volatile ForkedProcess process;

    /** The single broker of a one-broker stack (node 1). */
    public KafkaBroker(StackConfig config, PidFiles pidFiles) {
        this(config, pidFiles, 1);
    }

    /** Node {@code node} (1-based) of the stack's {@link StackConfig#kafkaBrokers()}. */
    public KafkaBroker(StackConfig config, PidFiles pidFiles, int node) {
        if (node < 1 || node > config.kafkaBrokers()) {
            throw new IllegalArgumentException("node " + node + " of " + config.kafkaBrokers() + " brokers");
        }
        this.config = config;
        this.node = node;
        this.name = name(config, node);
        this.home = config.dataDir().resolve(name);
        this.pidFiles = pidFiles;
    }

    /** Every node of the stack's broker cluster, in node order. */
    public static List<KafkaBroker> cluster(StackConfig config, PidFiles pidFiles) {
        List<KafkaBroker> nodes = new java.util.ArrayList<>();
        for (int node = 1; node <= config.kafkaBrokers(); node++) {
            nodes.add(new KafkaBroker(config, pidFiles, node));
        }
        return nodes;
    }

    /** {@value #NAME} for a single broker, {@code kafka-<node>} in a cluster: the name of its pid file and log. */
    public static String name(StackConfig config, int node) {
        return config.kafkaBrokers() == 1 ? NAME : NAME + "-" + node;
    }

    public String name() {
        return name;
    }

    /** The broker's {@code node.id}. */
    public int node() {
        return node;
    }

    /** Formats the storage on first use, launches the broker and waits until it serves metadata. */
    public void start() {
        String classpath = classpath();
        Path properties = writeConfiguration();
        if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
            format(classpath, properties);
        }
        process = ForkedProcess.start(name, command(classpath, "kafka.Kafka", properties.toString()), Map.of(),
                logFile(), pidFiles);
        awaitReady();
        process.markReady();
    }

    /** SIGTERM (the broker then shuts down cleanly), SIGKILL after 20 s. */
    public void stop() {
        ForkedProcess p = process;
        if (p != null) {
            p.stop(STOP_GRACE);
        }
    }

    /** This node's own listener (a client given only this one still discovers the others). */
    public String bootstrap() {
        return "127.0.0.1:" + config.kafkaPort(node);
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    private Path logFile() {
        return config.dataDir().resolve("logs").resolve(name + ".log");
    }

    private String classpath() {
        Path file = config.repoRoot().resolve("infra/kafka-broker/target/classpath.txt");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new StackException("the Kafka broker is not built (" + file + " is missing): run"
                    + " ./lucid build or mvn -pl infra/kafka-broker install");
        }
    }

    private List<String> command(String classpath, String mainClass, String... args) {
        List<String> options = new java.util.ArrayList<>(config.brokerJvmOptions());
        options.add("-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"));
        options.add("-Djava.awt.headless=true");
        return ForkedProcess.javaCommand(options, PidFiles.marker(config.dataDir()), classpath, mainClass,
                List.of(args));
    }

    /** Rewritten on every start so a changed port takes effect; the storage (and cluster id) are kept. */
    private Path writeConfiguration() {
        int port = config.kafkaPort(node);
        int controller = config.controllerPort(node);
        List<String> voters = new java.util.ArrayList<>();
        for (int n = 1; n <= config.kafkaBrokers(); n++) {
            voters.add(n + "@127.0.0.1:" + config.controllerPort(n));
        }
        String replicas = Integer.toString(config.replicationFactor());
        String minInsync = Integer.toString(config.minInsyncReplicas());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node));
        p.setProperty("controller.quorum.voters", String.join(",", voters));
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", home.resolve("data").toString());
        // Every topic is created without a replication factor of its own (TopicProvisioner, Kafka Streams, the
        // relay's offsets), so these decide: 1 for a single broker; 3 copies of which 2 must acknowledge a write
        // (acks=all) in a cluster, so that one broker can be lost without losing or refusing an acknowledged write.
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minInsync);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInsync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInsync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The 128 MB default cleaner buffer is most of an idle broker's memory; 8 MB is plenty for local topics.
        p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
        // Off, as on a production cluster: every topic comes from the catalogue (TopicProvisioner) with its
        // partitions and retention, so a consumer subscribing early cannot create one with the wrong settings.
        p.setProperty("auto.create.topics.enable", "false");
        Path file = home.resolve("server.properties");
        try {
            Files.createDirectories(home);
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "Written by the lucid devstack on every start");
            }
            Files.writeString(home.resolve("log4j2.properties"), LOG4J2, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code StorageTool format} once per data directory; the cluster id is kept next to the storage. */
    private void format(String classpath, Path properties) {
        // One id for all nodes of a cluster (they refuse to talk to a node formatted with another)
        Path idFile = config.kafkaBrokers() == 1 ? home.resolve("cluster-id")
                : config.dataDir().resolve("kafka-cluster-id");
        try {
            String clusterId;
            synchronized (KafkaBroker.class) {
                clusterId = Files.exists(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
                Files.writeString(idFile, clusterId + "\n");
            }
            ForkedProcess tool = ForkedProcess.run(name + "-format",
                    command(classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                            properties.toString()), logFile(), pidFiles);
            try {
                if (!tool.waitFor(Duration.ofSeconds(60)) || tool.exitValue() != 0) {
                    throw new StackException("formatting the Kafka storage failed: " + tool.tail(1)
                            + " (see " + logFile() + ")");
                }
            } finally {
                tool.stop(Duration.ofSeconds(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the Kafka storage in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting the Kafka storage", e);
        }
    }

    /**
     * Ready when the broker has registered (describeCluster lists it) and answers a metadata request. The port is
     * polled first so the admin client does not log a connection warning per attempt while the JVM boots.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Ports.accepts(config.kafkaPort(node))) {
            checkAlive();
            checkDeadline(deadline);
            sleep(100);
        }
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                checkAlive();
                checkDeadline(deadline);
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        admin.listTopics().names().get(10, TimeUnit.SECONDS);
                        return;
                    }
                } catch (Exception e) {
                    log.debug("broker not ready yet: {}", e.toString());
                }
                sleep(200);
            }
        }
    }

    /**
     * Waits until every node of the cluster has registered: before that, creating a topic with the cluster's
     * replication factor fails for want of brokers.
     */
    public static void awaitCluster(StackConfig config) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        int seen = 0;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                    if (seen >= config.kafkaBrokers()) {
                        return;
                    }
                } catch (Exception e) {
                    log.debug("cluster not complete yet: {}", e.toString());
                }
                sleep(200);
            }
        }
        throw new StackException("only " + seen + " of " + config.kafkaBrokers() + " Kafka brokers registered within "
                + READY_TIMEOUT.toSeconds() + " s (see the kafka-*.log files in " + config.dataDir().resolve("logs")
                + ")");
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            log.error("the Kafka broker {} exited; last lines of {}:{}{}", name, logFile(), System.lineSeparator(),
                    process.tail(20));
            throw new StackException("the Kafka broker " + name + " exited with code " + process.exitValue()
                    + " before it was ready (see " + logFile() + ")");
        }
    }

    private void checkDeadline(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new StackException("the Kafka broker " + name + " was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s (see " + logFile() + ")");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /**
     * Broker log4j2 configuration: WARN, plus the INFO lines of the servers' start and stop. Log4j's own shutdown
     * hook is off: it races the broker's, and the console appender has nothing buffered to flush.
     */
    private static final String LOG4J2 = String.join("\n",
            "status = warn",
            "shutdownHook = disable",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = out",
            "logger.raft.name = kafka.server.KafkaRaftServer",
            "logger.raft.level = info",
            "logger.broker.name = kafka.server.BrokerServer",
            "logger.broker.level = info",
            "logger.controller.name = kafka.server.ControllerServer",
            "logger.controller.level = info",
            "");
}
