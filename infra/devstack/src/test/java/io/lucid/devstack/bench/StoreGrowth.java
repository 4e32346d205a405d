package io.lucid.devstack.bench;

import io.lucid.projections.ReadModel;
import io.lucid.projections.ReadModels;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Grows the running stack's event store to a given number of events ({@link SyntheticEventStore}: node histories by
 * {@code COPY}) and waits for the relay and the live projections to take them in, timing each: what the benchmarks
 * that need a large history (replay, scale) share. Also the stack's addresses and the counts they poll.
 */
final class StoreGrowth {

    /** Status changes per synthetic node after its registration: ten events a node. */
    static final int FLIPS = 9;

    /** What one top-up took; all zero when the store already held enough. */
    record Growth(long written, double copySeconds, double relaySeconds, double projectionSeconds) {

        double copyRate() {
            return written / copySeconds;
        }

        /** Events/s from the end of the COPY until the relay had published them all. */
        double relayRate() {
            return written / relaySeconds;
        }

        /** Events/s from the end of the COPY until the live projections had applied them all. */
        double projectionRate() {
            return written / (relaySeconds + projectionSeconds);
        }
    }

    final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LUCID_PG_PORT", "5433") + "/lucid");
    final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));

    /**
     * Appends node histories until {@code domain_event_entry} holds at least {@code events} rows, then waits until the
     * relay has published every node event and the live projections have applied every record of their topics.
     */
    Growth topUp(long events) throws Exception {
        long written = 0;
        double copySeconds = 0;
        try (Connection connection = connection()) {
            long stored = count(connection, "SELECT count(*) FROM domain_event_entry");
            if (stored < events) {
                int nodes = (int) Math.ceil((events - stored) / (double) (FLIPS + 1));
                long start = System.nanoTime();
                String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
                written = SyntheticEventStore.load(connection, run, nodes, FLIPS, 50_000);
                copySeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("load: COPY of %d events (%d nodes x %d) into domain_event_entry in %.1f s ="
                        + " %.0f events/s%n", written, nodes, FLIPS + 1, copySeconds, written / copySeconds);
            }
        }
        long relayStart = System.nanoTime();
        long published = awaitRelay();
        double relaySeconds = (System.nanoTime() - relayStart) / 1e9;
        System.out.printf("load: the relay has published all %d node events (%.1f s after the load)%n", published,
                relaySeconds);
        Set<String> topics = projectionTopics();
        long total = records(topics);
        long liveStart = System.nanoTime();
        while (liveApplied() < total) {
            Thread.sleep(1_000);
        }
        double projectionSeconds = (System.nanoTime() - liveStart) / 1e9;
        System.out.printf("load: the live projections hold all %d records of their %d topics (%.1f s after the"
                + " relay)%n", total, topics.size(), projectionSeconds);
        return new Growth(written, copySeconds, relaySeconds, projectionSeconds);
    }

    /** Waits until {@code lucid.node.events} holds every node event of the store; returns that count. */
    long awaitRelay() throws Exception {
        long stored;
        try (Connection connection = connection()) {
            stored = count(connection, "SELECT count(*) FROM domain_event_entry WHERE type = 'Node'");
        }
        long published;
        while ((published = records(Set.of(Topics.NODE_EVENTS.name()))) < stored) {
            Thread.sleep(1_000);
        }
        return published;
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The source topics of every read model. */
    static Set<String> projectionTopics() {
        Set<String> topics = new LinkedHashSet<>();
        for (ReadModel model : ReadModels.all()) {
            model.sources().forEach(topic -> topics.add(topic.name()));
        }
        return topics;
    }

    /** The records on {@code topics}: the sum of their partitions' end offsets (read committed). */
    long records(Set<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            // Assigned first: read-committed end offsets of partitions the consumer does not own log a WARN each.
            consumer.assign(partitions);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The records the live projections have applied: the {@code nodes} projection's offsets on the node topic (the
     * one the load grows) plus every other source topic counted as applied.
     */
    private long liveApplied() throws Exception {
        try (Connection connection = connection();
             PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(next_offset), 0)"
                     + " FROM read.consumer_offset WHERE projection = 'nodes' AND topic = ?")) {
            select.setString(1, Topics.NODE_EVENTS.name());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long nodes = rows.getLong(1);
                return nodes + records(otherTopics());
            }
        }
    }

    private static Set<String> otherTopics() {
        Set<String> other = new LinkedHashSet<>();
        for (ReadModel model : ReadModels.all()) {
            for (Topic<String, ? extends SpecificRecord> topic : model.sources()) {
                if (!topic.equals(Topics.NODE_EVENTS)) {
                    other.add(topic.name());
                }
            }
        }
        return other;
    }
}
