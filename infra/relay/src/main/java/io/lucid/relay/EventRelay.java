package io.lucid.relay;

import io.lucid.schemas.registry.CompatibilityPolicy;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays every committed event of the event store to its Kafka topic: a Debezium embedded engine tails
 * {@code domain_event_entry} through logical replication (pgoutput) and an idempotent producer publishes
 * each row. A batch is marked processed only after the broker acknowledged all of its records, and
 * Debezium's offsets live in Kafka, so a crash re-sends (consumers dedupe by event id) but never loses.
 */
public final class EventRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final String EVENT_TABLE = "domain_event_entry";

    private final KafkaProducer<String, byte[]> producer;
    private final EventRecordMapper mapper;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-relay"));
    private volatile Throwable failure;
    /** The global index of the last event the broker acknowledged, -1 before the first; read by the lag metrics. */
    private volatile long lastRelayedIndex = -1;

    private EventRelay(RelayConfig config) {
        TopicProvisioner.ensure(config.kafkaBootstrap(), Topics.all());
        this.producer = new KafkaProducer<>(producerConfig(config), new StringSerializer(), new ByteArraySerializer());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
        CompatibilityPolicy.enforce(registry, config.schemaRegistryUrl());
        this.mapper = new EventRecordMapper(new AvroWireFormat(registry));
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumSettings.of(config))
                .notifying(this::publish)
                .using((success, message, error) -> {
                    if (!success) {
                        failure = error != null ? error : new RelayException(message);
                        LOG.error("event relay stopped: {}", message, error);
                    }
                })
                .build();
    }

    /** Starts relaying in a background thread. */
    public static EventRelay start(RelayConfig config) {
        EventRelay relay = new EventRelay(config);
        relay.runner.execute(relay.engine);
        LOG.info("event relay started (slot {}, publication {})", config.slot(), config.publication());
        return relay;
    }

    /** Whether the relay still relays: false once it stopped on an error or was closed. */
    public boolean isRunning() {
        return failure == null && !runner.isShutdown();
    }

    /** The global index of the newest event the broker acknowledged since this relay started; -1 before any. */
    public long lastRelayedIndex() {
        return lastRelayedIndex;
    }

    /** The error that stopped the relay, if it stopped on its own. */
    public Throwable failure() {
        return failure;
    }

    private void publish(List<RecordChangeEvent<SourceRecord>> batch,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        long highest = -1;
        for (RecordChangeEvent<SourceRecord> change : batch) {
            EventRow row = eventRow(change.record());
            if (row != null) {
                acks.add(producer.send(mapper.map(row)));
                highest = Math.max(highest, row.globalIndex());
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new RelayException("the broker refused an event; the batch will be re-sent after restart", e.getCause());
            }
        }
        if (highest > lastRelayedIndex) {
            lastRelayedIndex = highest;
        }
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
    }

    /** The inserted event row; null for what is not an event (heartbeats, other tables). */
    private static EventRow eventRow(SourceRecord source) {
        if (!(source.value() instanceof Struct envelope) || envelope.schema().field("after") == null) {
            return null;
        }
        Struct tableSource = envelope.getStruct("source");
        if (tableSource == null || !EVENT_TABLE.equals(tableSource.getString("table"))) {
            return null;
        }
        Struct after = envelope.getStruct("after");
        if (after == null || !"c".equals(envelope.getString("op"))) {
            return null; // the event table is append-only; anything else is not an event
        }
        return EventRow.from(after);
    }

    private static Properties producerConfig(RelayConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lucid-relay");
        return props;
    }

    /**
     * Debezium refuses to stop while its tasks are still starting ("this may lead to leaked resource"), which happens
     * when a relay is stopped right after it was started: wait for them, up to 30 s, then stop.
     */
    private void closeEngine() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException starting) {
                if (System.nanoTime() > deadline) {
                    throw starting;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw starting;
                }
            } catch (IOException e) {
                LOG.warn("closing the Debezium engine failed", e);
                return;
            }
        }
    }

    @Override
    public void close() {
        closeEngine();
        runner.shutdown();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the event relay did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
