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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>When the engine stops on an error (the broker refused or timed out a batch, the database connection broke),
 * the relay starts a new engine with a new producer after a backoff of 1 s doubling to 30 s, from the offsets the
 * last one committed, for as long as it is not closed: the failed batch is sent again, nothing is skipped. A new
 * producer matters: after a broker lost the tail of a partition's log in a crash, the old idempotent producer's
 * sequence numbers no longer match the broker's and it can only fail ({@code OUT_OF_ORDER_SEQUENCE_NUMBER}).
 * While it waits, {@link #isRunning()} is false (readiness says why) and {@link #isAlive()} true.
 */
public final class EventRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final String EVENT_TABLE = "domain_event_entry";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final RelayConfig config;
    private final EventRecordMapper mapper;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-relay"));
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong restarts = new AtomicLong();
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean supervising = true;
    /** Why the running engine stopped, null while it runs. */
    private volatile Throwable failure;
    /** Whether a batch was published since the last failure: a new failure then starts the backoff over. */
    private volatile boolean relayedSinceFailure = true;
    /** The global index of the last event the broker acknowledged, -1 before the first; read by the lag metrics. */
    private volatile long lastRelayedIndex = -1;

    private EventRelay(RelayConfig config) {
        // Checked once, at start: a missing topic or a registry that would accept breaking schemas stops the start.
        TopicProvisioner.ensure(config.kafkaBootstrap(), Topics.all());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
        CompatibilityPolicy.enforce(registry, config.schemaRegistryUrl());
        this.config = config;
        this.mapper = new EventRecordMapper(new AvroWireFormat(registry));
    }

    /** Starts relaying in a background thread. */
    public static EventRelay start(RelayConfig config) {
        EventRelay relay = new EventRelay(config);
        relay.runner.execute(relay::relayUntilClosed);
        LOG.info("event relay started (slot {}, publication {})", config.slot(), config.publication());
        return relay;
    }

    /** Whether an engine relays right now: false while the relay waits to restart one, and once it was closed. */
    public boolean isRunning() {
        return failure == null && closing.getCount() > 0;
    }

    /** The global index of the newest event the broker acknowledged since this relay started; -1 before any. */
    public long lastRelayedIndex() {
        return lastRelayedIndex;
    }

    /** The error that stopped the last engine, while the relay waits to start the next; null while one runs. */
    public Throwable failure() {
        return failure;
    }

    /** Whether the relay still tries to relay: not closed, and its thread still running (it may be in a backoff). */
    public boolean isAlive() {
        return closing.getCount() > 0 && supervising;
    }

    /** How many times an engine was started again after it stopped on an error. */
    public long restarts() {
        return restarts.get();
    }

    private void relayUntilClosed() {
        try {
            restartUntilClosed();
        } finally {
            supervising = false;
        }
    }

    private void restartUntilClosed() {
        Duration backoff = FIRST_BACKOFF;
        while (closing.getCount() > 0) {
            Throwable stopped = runEngine();
            if (closing.getCount() == 0) {
                return;
            }
            failure = stopped != null ? stopped : new RelayException("the Debezium engine stopped by itself");
            if (relayedSinceFailure) {
                backoff = FIRST_BACKOFF;
                LOG.error("event relay stopped, restarting in {} ms: {}", backoff.toMillis(), failure.getMessage(), failure);
            } else {
                LOG.warn("event relay stopped again, restarting in {} ms: {}", backoff.toMillis(), failure.getMessage());
            }
            relayedSinceFailure = false;
            try {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts.incrementAndGet();
            failure = null;
        }
    }

    /** Runs one engine, with a producer of its own, until it stops; returns why, or null when it was closed. */
    private Throwable runEngine() {
        Throwable[] stopped = {null};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(config), new StringSerializer(),
                new ByteArraySerializer())) {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(DebeziumSettings.of(config))
                    .notifying((batch, committer) -> publish(producer, batch, committer))
                    .using((success, message, error) -> {
                        if (!success) {
                            stopped[0] = error != null ? error : new RelayException(message);
                        }
                    })
                    .build();
            engine = current;
            if (closing.getCount() == 0) {
                return null;
            }
            current.run();
        } catch (RuntimeException e) {
            stopped[0] = e;
        }
        return stopped[0];
    }

    private void publish(KafkaProducer<String, byte[]> producer, List<RecordChangeEvent<SourceRecord>> batch,
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
                throw new RelayException("the broker refused an event; the relay restarts and sends the batch again",
                        e.getCause());
            }
        }
        if (highest > lastRelayedIndex) {
            lastRelayedIndex = highest;
        }
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        relayedSinceFailure = true;
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
    private static void closeEngine(DebeziumEngine<?> engine) {
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
        closing.countDown();
        DebeziumEngine<?> current = engine;
        if (current != null) {
            closeEngine(current);
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the event relay did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
