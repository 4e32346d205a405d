package io.lucid.projections;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the projections read from and write to. Every value comes from the environment, with defaults that run
 * against the embedded stack.
 *
 * @param jdbcUrl           the PostgreSQL database holding the read schema
 * @param dbUser            database user
 * @param dbPassword        database password (may be empty)
 * @param kafkaBootstrap    Kafka bootstrap servers
 * @param schemaRegistryUrl Confluent-compatible schema registry
 * @param schema            the read schema ({@code LUCID_READ_SCHEMA}, {@code read}); a rebuild writes another
 * @param groupPrefix       consumer groups are {@code <prefix>.<read model>} ({@code LUCID_PROJECTIONS_GROUP_PREFIX})
 * @param dedupeRetention   how long applied event ids are kept for deduplication
 *                          ({@code LUCID_PROJECTIONS_DEDUPE_RETENTION}, ISO-8601, {@code P7D})
 * @param only              the read models to run ({@code LUCID_PROJECTIONS}, comma-separated); empty: all
 */
public record ProjectionConfig(
        String jdbcUrl, String dbUser, String dbPassword, String kafkaBootstrap, String schemaRegistryUrl,
        String schema, String groupPrefix, Duration dedupeRetention, List<String> only) {

    public static final String DEFAULT_SCHEMA = "read";
    public static final String DEFAULT_GROUP_PREFIX = "lucid-projections";
    public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(7);

    public ProjectionConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        dbPassword = dbPassword == null ? "" : dbPassword;
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("LUCID_READ_SCHEMA must be a lower-case SQL identifier: " + schema);
        }
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        Objects.requireNonNull(dedupeRetention, "dedupeRetention");
        only = List.copyOf(only);
    }

    /** The embedded stack's defaults for everything but the connections. */
    public static ProjectionConfig of(String jdbcUrl, String dbUser, String dbPassword, String kafkaBootstrap,
            String schemaRegistryUrl) {
        return new ProjectionConfig(jdbcUrl, dbUser, dbPassword, kafkaBootstrap, schemaRegistryUrl, DEFAULT_SCHEMA,
                DEFAULT_GROUP_PREFIX, DEFAULT_DEDUPE_RETENTION, List.of());
    }

    /** The configuration from the process environment. */
    public static ProjectionConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The configuration from the given variables ({@code LUCID_*}), defaults for the missing ones. */
    public static ProjectionConfig fromEnvironment(Map<String, String> env) {
        String only = env.getOrDefault("LUCID_PROJECTIONS", "");
        return new ProjectionConfig(
                env.getOrDefault("LUCID_DB_URL", "jdbc:postgresql://127.0.0.1:5433/lucid"),
                env.getOrDefault("LUCID_DB_USER", "postgres"),
                env.getOrDefault("LUCID_DB_PASSWORD", ""),
                env.getOrDefault("LUCID_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env.getOrDefault("LUCID_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"),
                env.getOrDefault("LUCID_READ_SCHEMA", DEFAULT_SCHEMA),
                env.getOrDefault("LUCID_PROJECTIONS_GROUP_PREFIX", DEFAULT_GROUP_PREFIX),
                Duration.parse(env.getOrDefault("LUCID_PROJECTIONS_DEDUPE_RETENTION", "P7D")),
                only.isBlank() ? List.of()
                        : Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** The same configuration writing another schema under other consumer groups (rebuilds, tests). */
    public ProjectionConfig withSchema(String newSchema, String newGroupPrefix) {
        return new ProjectionConfig(jdbcUrl, dbUser, dbPassword, kafkaBootstrap, schemaRegistryUrl, newSchema,
                newGroupPrefix, dedupeRetention, only);
    }

    /** The same configuration running only the named read models. */
    public ProjectionConfig only(List<String> names) {
        return new ProjectionConfig(jdbcUrl, dbUser, dbPassword, kafkaBootstrap, schemaRegistryUrl, schema,
                groupPrefix, dedupeRetention, names);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ProjectionConfig[jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", kafkaBootstrap=" + kafkaBootstrap
                + ", schemaRegistryUrl=" + schemaRegistryUrl + ", schema=" + schema + ", groupPrefix=" + groupPrefix
                + ", dedupeRetention=" + dedupeRetention + ", only=" + only + "]";
    }
}
