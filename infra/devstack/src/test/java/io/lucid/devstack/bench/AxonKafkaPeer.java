package io.lucid.devstack.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lucid.schemas.events.EventTypes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.avro.AvroSerializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The relay's peer in {@link RelayPeerBenchmark}, in a JVM of its own so its CPU is its own: the Axon Kafka
 * extension's {@link KafkaPublisher} behind a {@link TrackingEventProcessor} that reads the command side's event
 * store ({@code domain_event_entry}) through Axon's {@link JdbcEventStorageEngine} with the serializers command-api
 * writes with (Avro payloads, JSON metadata). It is what an Axon application would run to publish its event store
 * to Kafka, with production settings as close to our relay's as the extension allows (docs/benchmarks.md lists them):
 * acks=all, idempotence, linger 0, wait for the broker's ack before the token moves (at-least-once), the token in
 * PostgreSQL, errors propagated (the default logs and skips, which would lose events).
 *
 * <p>Arguments: {@code jdbcUrl kafkaBootstrap topic batchSize fetchDelayMs [confirmation=WAIT_FOR_ACK]}. Prints {@code ready} once the processor
 * runs from the head of the store; stops when its standard input closes.
 */
public final class AxonKafkaPeer {

    /** The token table of this peer, created and dropped by it; outside the event store's own tables. */
    static final String TOKEN_TABLE = "bench_axon_peer_token";
    static final String PROCESSOR = "axon-kafka-peer";

    /** The event-store tables as V1__axon_event_store.sql names them (command-api's AxonFactory uses the same). */
    private static final EventSchema TABLES = EventSchema.builder()
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

    private AxonKafkaPeer() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String kafka = args[1];
        String topic = args[2];
        int batchSize = Integer.parseInt(args[3]);
        long fetchDelayMs = Long.parseLong(args[4]);
        ConfirmationMode confirmation = ConfirmationMode.valueOf(args.length > 5 ? args[5] : "WAIT_FOR_ACK");

        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        pool.setPoolName("axon-peer");
        // The benchmark finds this peer's backends by it, to count their CPU as the peer's.
        pool.addDataSourceProperty("ApplicationName", "axon-peer");
        HikariDataSource dataSource = new HikariDataSource(pool);
        ConnectionProvider connections = new DataSourceConnectionProvider(dataSource);

        Serializer metadata = JacksonSerializer.defaultSerializer();
        SchemaStore.Cache schemas = new SchemaStore.Cache();
        EventTypes.all().forEach(type -> schemas.addSchema(EventTypes.schemaOf(type)));
        Serializer events = AvroSerializer.builder().schemaStore(schemas).serializerDelegate(metadata).build();

        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(events)
                .snapshotSerializer(events)
                .schema(TABLES)
                // rows per query when the processor catches up (Axon's default is 100)
                .batchSize(batchSize)
                .build();
        // fetchDelay: how long the store's reader waits before asking the table again when nothing new was found
        // (Axon's default 1000 ms); set to our relay's Debezium poll interval so both poll the store as often.
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(storage)
                .fetchDelay(fetchDelayMs)
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();

        DefaultProducerFactory<String, byte[]> producers = DefaultProducerFactory.<String, byte[]>builder()
                .configuration(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.LINGER_MS_CONFIG, 0,
                        ProducerConfig.CLIENT_ID_CONFIG, PROCESSOR,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))
                .confirmationMode(confirmation)
                .build();
        // The converter serializes with the store's own serializer, so the stored Avro bytes pass through as they are
        // (no decode and encode), as our relay reuses the stored body.
        KafkaPublisher<String, byte[]> publisher = KafkaPublisher.<String, byte[]>builder()
                .producerFactory(producers)
                .messageConverter(DefaultKafkaMessageConverter.builder().serializer(events).build())
                .topic(topic)
                .publisherAckTimeout(10_000)
                .build();
        KafkaEventPublisher<String, byte[]> handler = KafkaEventPublisher.<String, byte[]>builder()
                .kafkaPublisher(publisher)
                .build();

        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(metadata)
                .schema(TokenSchema.builder().setTokenTable(TOKEN_TABLE).build())
                .build();
        try (var connection = dataSource.getConnection(); var ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + TOKEN_TABLE);
        }
        tokens.createSchema(PostgresTokenTableFactory.INSTANCE);

        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .build();
        processor.start();
        while (processor.processingStatus().isEmpty() || !processor.isRunning()) {
            Thread.sleep(50);
        }
        System.out.println("ready");
        System.out.flush();

        // Runs until the benchmark closes our standard input (or the benchmark's JVM ends).
        while (System.in.read() >= 0) {
            // nothing is sent on stdin; its end is the signal
        }
        processor.shutDown();
        store.shutDown();
        publisher.shutDown();
        try (var connection = dataSource.getConnection(); var ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + TOKEN_TABLE);
        } catch (java.sql.SQLException e) {
            System.out.println("could not drop " + TOKEN_TABLE + ": " + e.getMessage());
        }
        dataSource.close();
        System.out.println("stopped");
    }
}
