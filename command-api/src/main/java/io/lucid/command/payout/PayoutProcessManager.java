package io.lucid.command.payout;

import io.lucid.command.kafka.KafkaSettings;
import io.lucid.command.security.Principal;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout process manager (docs/adr/0042): consumes the stream processors' {@code lucid.payout.calculations} and
 * turns every {@code PayoutCalculated} into a CreatePayout command, whose causation id is the calculation's event id.
 * A partition's offset is committed only after the commands of the records before it succeeded, so a crash or a
 * restart redelivers the rest; creating an existing payout is a no-op, so redelivery creates nothing twice. A record
 * that can never become a payout (undecodable, inconsistent) goes to the dead-letter topic and is passed over; a
 * failure that may heal (database, registry) is retried from the same record after a pause.
 */
@Context
@Requires(property = "lucid.payouts.process-manager", notEquals = "false")
final class PayoutProcessManager {

    static final String GROUP_ID = "lucid-command-payouts";
    static final String NAME = "payout-process-manager";
    private static final Logger LOG = LoggerFactory.getLogger(PayoutProcessManager.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final KafkaSettings settings;
    private final PayoutCalculationHandler handler;
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    PayoutProcessManager(KafkaSettings settings, PayoutCalculationHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.thread = new Thread(this::run, NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                TopicProvisioner.ensure(settings.kafkaBootstrap(), List.of(Topics.PAYOUT_CALCULATIONS, Topics.DEAD_LETTERS));
                kafka.subscribe(List.of(Topics.PAYOUT_CALCULATIONS.name()));
                while (running) {
                    consume(kafka, kafka.poll(Duration.ofMillis(500)));
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("payout process manager: {}; restarting in {} s", e.toString(), RETRY_PAUSE.toSeconds());
                pause();
            }
        }
    }

    /** Handles each partition's records in order; stops a partition at its first failure that may heal. */
    private void consume(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    handler.handle(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (RuntimeException e) {
                    LOG.warn("payout calculation {}:{}:{} not handled yet ({}); retrying", record.topic(),
                            record.partition(), record.offset(), e.toString());
                    kafka.seek(partition, record.offset());
                    pause();
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            kafka.commitSync(done);
        }
    }

    private Map<String, Object> config() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID,
                ConsumerConfig.CLIENT_ID_CONFIG, "lucid-command-api-payouts",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // The stream processors write with exactly-once transactions: never act on an aborted calculation.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    /** The principal the process manager's commands run as; its subject is the recorded actor. */
    static Principal principal() {
        return Principal.system(NAME);
    }
}
