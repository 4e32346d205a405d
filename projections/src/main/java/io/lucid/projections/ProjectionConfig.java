package io.lucid.projections;

import java.util.Map;
import java.util.Objects;

/**
 * Where the projections read from and write to. Every value comes from the environment, with defaults that
 * run against the embedded stack.
 *
 * @param jdbcUrl           the PostgreSQL database holding the {@code read} schema
 * @param dbUser            database user
 * @param dbPassword        database password (may be empty)
 * @param kafkaBootstrap    Kafka bootstrap servers
 * @param schemaRegistryUrl Confluent-compatible schema registry ({@code mock://scope} for an in-memory one)
 * @param groupId           the consumer group; offsets are stored per group in {@code read.consumer_offset}
 */
public record ProjectionConfig(
        String jdbcUrl, String dbUser, String dbPassword, String kafkaBootstrap, String schemaRegistryUrl, String groupId) {

    public static final String DEFAULT_GROUP_ID = "lucid-projections";

    public ProjectionConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        dbPassword = dbPassword == null ? "" : dbPassword;
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(groupId, "groupId");
    }

    /** The configuration from the process environment. */
    public static ProjectionConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The configuration from the given variables ({@code LUCID_*}), defaults for the missing ones. */
    public static ProjectionConfig fromEnvironment(Map<String, String> env) {
        return new ProjectionConfig(
                env.getOrDefault("LUCID_DB_URL", "jdbc:postgresql://127.0.0.1:5433/lucid"),
                env.getOrDefault("LUCID_DB_USER", "postgres"),
                env.getOrDefault("LUCID_DB_PASSWORD", ""),
                env.getOrDefault("LUCID_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env.getOrDefault("LUCID_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"),
                env.getOrDefault("LUCID_PROJECTIONS_GROUP_ID", DEFAULT_GROUP_ID));
    }

    /** The same configuration under another consumer group (tests, parallel rebuilds). */
    public ProjectionConfig withGroupId(String newGroupId) {
        return new ProjectionConfig(jdbcUrl, dbUser, dbPassword, kafkaBootstrap, schemaRegistryUrl, newGroupId);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ProjectionConfig[jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", kafkaBootstrap=" + kafkaBootstrap
                + ", schemaRegistryUrl=" + schemaRegistryUrl + ", groupId=" + groupId + "]";
    }
}
