package io.lucid.query.audit;

import io.lucid.query.QueryConfig;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import javax.sql.DataSource;

/**
 * Wires the audit API's framework-free parts. command-api's address is {@code LUCID_COMMAND_URL}, by default the
 * loopback address on {@code LUCID_COMMAND_PORT} (the embedded stack sets the port for query-api).
 */
@Factory
public class AuditFactory {

    @Singleton
    EventStoreTable eventStoreTable(DataSource dataSource) {
        return new EventStoreTable(dataSource);
    }

    @Singleton
    AuditAccessLog auditAccessLog(DataSource dataSource) {
        return new AuditAccessLog(dataSource);
    }

    @Singleton
    StateAtClient stateAtClient(@Value("${lucid.command.url:}") String url, @Value("${lucid.command.port:8080}") int port) {
        return new StateAtClient(URI.create(url.isBlank() ? "http://127.0.0.1:" + port : url));
    }

    @Singleton
    TopicVerifier topicVerifier(QueryConfig config) {
        return new TopicVerifier(config.kafkaBootstrap(), SchemaRegistryClient.connect(config.schemaRegistryUrl()));
    }
}
