package io.lucid.registry;

import java.util.Map;

/**
 * Configuration of a {@link RegistryServer}, with defaults that run the embedded stack.
 *
 * @param port                 HTTP port; 0 picks a free one
 * @param kafkaBootstrap       Kafka bootstrap servers of the log topic (unused by the in-memory registry)
 * @param topic                the compacted log topic, {@value #DEFAULT_TOPIC} by default
 * @param defaultCompatibility compatibility level until {@code PUT /config} sets one, BACKWARD_TRANSITIVE by default
 * @param host                 interface to bind; null binds every interface (IPv4 and IPv6)
 * @param replicationFactor    replication factor when the registry creates its topic, 1 by default
 * @param threads              HTTP worker threads, {@value #DEFAULT_THREADS} by default
 */
public record RegistryConfig(int port, String kafkaBootstrap, String topic, Compatibility defaultCompatibility,
        String host, short replicationFactor, int threads) {

    public static final String DEFAULT_TOPIC = "_schemas";
    public static final int DEFAULT_PORT = 8081;
    public static final int DEFAULT_THREADS = 8;

    public RegistryConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
        defaultCompatibility = defaultCompatibility == null ? Compatibility.BACKWARD_TRANSITIVE : defaultCompatibility;
        replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
        threads = threads <= 0 ? DEFAULT_THREADS : threads;
    }

    public RegistryConfig(int port, String kafkaBootstrap, String topic, Compatibility defaultCompatibility) {
        this(port, kafkaBootstrap, topic, defaultCompatibility, null, (short) 1, DEFAULT_THREADS);
    }

    /** Defaults for everything but the port and the Kafka cluster. */
    public RegistryConfig(int port, String kafkaBootstrap) {
        this(port, kafkaBootstrap, DEFAULT_TOPIC, Compatibility.BACKWARD_TRANSITIVE);
    }

    /**
     * Reads {@code LUCID_REGISTRY_PORT}, {@code LUCID_REGISTRY_KAFKA_BOOTSTRAP}, {@code LUCID_REGISTRY_TOPIC},
     * {@code LUCID_REGISTRY_COMPATIBILITY}, {@code LUCID_REGISTRY_HOST}, {@code LUCID_REGISTRY_REPLICATION_FACTOR}
     * and {@code LUCID_REGISTRY_THREADS}; unset ones take their defaults (port 8081, Kafka on localhost:9092).
     */
    public static RegistryConfig fromEnvironment(Map<String, String> env) {
        return new RegistryConfig(
                Integer.parseInt(env.getOrDefault("LUCID_REGISTRY_PORT", String.valueOf(DEFAULT_PORT))),
                env.getOrDefault("LUCID_REGISTRY_KAFKA_BOOTSTRAP", "localhost:9092"),
                env.get("LUCID_REGISTRY_TOPIC"),
                env.containsKey("LUCID_REGISTRY_COMPATIBILITY")
                        ? Compatibility.parse(env.get("LUCID_REGISTRY_COMPATIBILITY")) : null,
                env.get("LUCID_REGISTRY_HOST"),
                Short.parseShort(env.getOrDefault("LUCID_REGISTRY_REPLICATION_FACTOR", "1")),
                Integer.parseInt(env.getOrDefault("LUCID_REGISTRY_THREADS", String.valueOf(DEFAULT_THREADS))));
    }

    public RegistryConfig withPort(int newPort) {
        return new RegistryConfig(newPort, kafkaBootstrap, topic, defaultCompatibility, host, replicationFactor, threads);
    }
}
