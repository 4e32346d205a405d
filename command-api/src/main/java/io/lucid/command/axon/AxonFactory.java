package io.lucid.command.axon;

import io.lucid.command.position.PositionRecorder;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.trace.TraceContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.micrometer.GlobalMetricRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.apache.avro.message.SchemaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.avro.AvroSerializer;
import org.axonframework.serialization.avro.DefaultSchemaIncompatibilityChecker;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Axon without Spring and without Axon Server: aggregates behind a simple command bus, events in
 * PostgreSQL through Axon's JDBC storage engine, payloads as Avro binary (single-object encoding) and
 * metadata as JSON. Started with the application context and shut down with it.
 */
@Factory
public class AxonFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AxonFactory.class);

    /** The tables of V1__axon_event_store.sql: Axon's columns, in the snake case the relay and auditors read. */
    static final EventSchema SNAKE_CASE_TABLES = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /**
     * Payloads as Avro single-object encoding with the catalogue's writer schemas, through {@link CachedAvroStrategy}
     * instead of Axon's default strategy, which fingerprints schemas on every event (docs/benchmarks.md, "Avro
     * serializer"). Metadata, snapshots of non-Avro state and anything else go to the JSON delegate.
     */
    public static Serializer eventSerializer(Serializer delegate) {
        SchemaStore schemas = EventSchemaStore.create();
        return AvroSerializer.builder()
                .schemaStore(schemas)
                .includeDefaultAvroSerializationStrategies(false)
                .addSerializerStrategy(new CachedAvroStrategy(schemas, new AnnotationRevisionResolver(),
                        new DefaultSchemaIncompatibilityChecker()))
                .serializerDelegate(delegate)
                .build();
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    Configuration axonConfiguration(SynchronousTransactionManager<Connection> transactions, List<AxonModule> modules,
            Clock clock, PositionRecorder positions, MeterRegistry meters,
            // Only the benchmark of the chain's cost (docs/benchmarks.md) turns it off; verify then reports every
            // event appended meanwhile as unchained.
            @Value("${lucid.event-chain.enabled:true}") boolean chained) {
        if (!chained) {
            LOG.warn("The audit hash chain is off (LUCID_EVENT_CHAIN_ENABLED=false): events appended now carry no"
                    + " hash and verify reports them as unchained. Meant only for measuring the chain's cost.");
        }
        TransactionManager transactionManager = new MicronautTransactionManager(transactions);
        Serializer metadataSerializer = JacksonSerializer.defaultSerializer();
        Serializer eventSerializer = eventSerializer(metadataSerializer);
        JdbcEventStorageEngine.Builder storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new TransactionalConnectionProvider(transactions))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                // A duplicate (aggregate id, sequence) must surface as a concurrency conflict (409), not a 500.
                .persistenceExceptionResolver(new SQLStateResolver())
                .schema(SNAKE_CASE_TABLES);
        if (chained) {
            // Every appended row carries its link of the audit hash chain (V400__event_hash_chain.sql).
            storage.appendEvents(new ChainedAppendStatement());
        }
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> transactionManager)
                .configureSerializer(c -> metadataSerializer)
                .configureEventSerializer(c -> eventSerializer)
                .configureEmbeddedEventStore(c -> storage.build())
                // Events inherit the command's provenance so the relay can publish who, which conversation and why.
                .configureCorrelationDataProviders(c -> List.of(new SimpleCorrelationDataProvider(
                        CommandProvenance.ACTOR, CommandProvenance.CORRELATION_ID, CommandProvenance.CAUSATION_ID,
                        CommandProvenance.REQUEST_ID, TraceContext.TRACEPARENT, TraceContext.TRACESTATE)))
                .registerComponent(Clock.class, c -> clock);
        modules.forEach(module -> module.configure(configurer));
        // Command handling time and counts per command name (axon-micrometer), on the same /metrics as HTTP.
        new GlobalMetricRegistry(meters).registerWithConfigurerWithDefaultTags(configurer);
        Configuration configuration = configurer.buildConfiguration();
        // Read-your-writes: note each appended event under the request that caused it (PositionFilter).
        configuration.eventStore().registerDispatchInterceptor(messages -> {
            messages.forEach(positions::record);
            return (index, message) -> message;
        });
        configuration.start();
        return configuration;
    }

    @Singleton
    CommandGateway commandGateway(Configuration configuration) {
        return configuration.commandGateway();
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
