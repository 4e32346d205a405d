package io.lucid.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running stack's parts can be reached: handed to every {@link StackComponent} and, as environment
 * variables, to every forked service.
 *
 * @param jwtSecret the HS256 secret; its UTF-8 bytes are the key (Micronaut's default for a plain secret)
 */
public record StackEnvironment(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String kafkaBootstrap,
        String schemaRegistryUrl,
        int registryPort,
        String jwtSecret,
        Path dataDir,
        String commandApiUrl,
        String queryApiUrl) {

    /** The variables every forked service reads to find the shared infrastructure. */
    public Map<String, String> serviceVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("LUCID_DB_URL", jdbcUrl);
        vars.put("LUCID_DB_USER", dbUser);
        vars.put("LUCID_DB_PASSWORD", dbPassword);
        vars.put("LUCID_KAFKA_BOOTSTRAP", kafkaBootstrap);
        vars.put("LUCID_SCHEMA_REGISTRY_URL", schemaRegistryUrl);
        vars.put("LUCID_JWT_SECRET", jwtSecret);
        // Where paired devices connect (the QR payload): this stack's query-api unless the operator says otherwise.
        vars.put("LUCID_PUBLIC_WS_URL", System.getenv().getOrDefault("LUCID_PUBLIC_WS_URL",
                queryApiUrl.replaceFirst("^http", "ws") + "/ws"));
        return vars;
    }
}
