package io.lucid.streams;

import io.lucid.schemas.registry.CompatibilityPolicy;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.liveness.LivenessTopology;
import io.lucid.streams.pool.PoolTopology;
import io.lucid.streams.poot.PootTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stream processors: one Kafka Streams application per topology ({@code <prefix>-poot},
 * {@code <prefix>-pools}, {@code <prefix>-liveness}), so that each has its own consumer group, state and
 * processing guarantee, and a slow one does not hold the others back. {@link #start} creates the catalogue's
 * missing topics, starts the three and returns once all of them are RUNNING; {@link #close} stops them.
 *
 * <p>Started by the worker service launcher of {@code infra/devstack}, standalone or inside the embedded stack.
 */
public final class StreamProcessors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamProcessors.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** An application: its topology, built from the settings and the registry, and its repartition topics. */
    record Application(BiFunction<StreamsSettings, SchemaRegistryClient, Topology> topology,
            List<Catalogue.Repartition> repartitions) {
    }

    /** The applications, by name. */
    static final Map<String, Application> APPLICATIONS;

    static {
        Map<String, Application> apps = new LinkedHashMap<>();
        apps.put("poot", new Application(PootTopology::build, List.of(PootTopology.LEDGER_INPUTS)));
        apps.put("pools", new Application(PoolTopology::build, List.of(PoolTopology.INPUTS)));
        apps.put("liveness", new Application(LivenessTopology::build, List.of()));
        APPLICATIONS = apps;
    }

    private final Map<String, KafkaStreams> applications;

    private StreamProcessors(Map<String, KafkaStreams> applications) {
        this.applications = applications;
    }

    /** Starts every application and waits until all are RUNNING. */
    public static StreamProcessors start(StreamProcessorsConfig config) {
        return start(config, APPLICATIONS.keySet());
    }

    /** Starts the named applications only (the benchmark runs {@code poot} alone). */
    public static StreamProcessors start(StreamProcessorsConfig config, Iterable<String> names) {
        TopicProvisioner.ensure(config.bootstrapServers(), Topics.all());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
        CompatibilityPolicy.enforce(registry, config.schemaRegistryUrl());
        Map<String, KafkaStreams> started = new LinkedHashMap<>();
        StreamProcessors processors = new StreamProcessors(started);
        try {
            for (String name : names) {
                Application application = APPLICATIONS.get(name);
                Topology topology = application.topology().apply(config.settings(), registry);
                List<NewTopic> internal =
                        InternalTopics.of(StreamsProperties.applicationId(config, name), application.repartitions());
                InternalTopics.ensure(config.bootstrapServers(), internal);
                List<String> visible = new ArrayList<>(Topics.all().stream().map(Topic::name).toList());
                internal.forEach(topic -> visible.add(topic.name()));
                InternalTopics.awaitVisible(config.bootstrapServers(), visible);
                KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(config, name));
                streams.setUncaughtExceptionHandler(new StreamThreadRecovery(name, Clock.systemUTC()));
                started.put(name, streams);
                streams.start();
            }
            processors.awaitRunning();
        } catch (RuntimeException e) {
            processors.close();
            throw e;
        }
        log.info("stream processors running: {} against {}", String.join(", ", names), config.bootstrapServers());
        return processors;
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (KafkaStreams streams : applications.values()) {
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                    throw new IllegalStateException("a stream processor failed to start: " + streams.state());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stream processors not running after " + READY_TIMEOUT.toSeconds()
                            + " s: " + streams.state());
                }
                sleep(50);
            }
        }
    }

    /** Whether every application is still processing (RUNNING or rebalancing). */
    public boolean isRunning() {
        return applications.values().stream().allMatch(s -> s.state().isRunningOrRebalancing());
    }

    /** The Kafka Streams instances, for metrics. */
    public List<KafkaStreams> applications() {
        return List.copyOf(applications.values());
    }

    /** The Kafka Streams instances by application name ({@code poot}, {@code pools}, {@code liveness}). */
    public Map<String, KafkaStreams> applicationsByName() {
        return java.util.Collections.unmodifiableMap(applications);
    }

    /**
     * Stops every application and takes its members out of their consumer groups. Kafka Streams keeps members in
     * the group on close by default (for rolling restarts of the same instance); a fresh start of this process has
     * new member ids, so the group would wait for the old members' session timeout before handing out partitions.
     */
    @Override
    public void close() {
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        for (KafkaStreams streams : applications.values()) {
            streams.close(options);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the stream processors", e);
        }
    }
}
