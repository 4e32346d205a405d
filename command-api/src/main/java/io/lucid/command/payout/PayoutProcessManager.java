package io.lucid.command.payout;

import io.lucid.command.kafka.KafkaSettings;
import io.lucid.command.security.Principal;
import io.lucid.kit.kafka.ConsumerLoop;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final KafkaSettings settings;
    private final PayoutCalculationHandler handler;
    private final ConsumerLoop<String, byte[]> loop;

    PayoutProcessManager(KafkaSettings settings, PayoutCalculationHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.loop = ConsumerLoop.start(NAME,
                () -> new KafkaConsumer<>(config(), new StringDeserializer(), new ByteArrayDeserializer()),
                new Step(), e -> e instanceof RuntimeException,
                new ConsumerLoop.Settings(Duration.ofMillis(500), RETRY_PAUSE, RETRY_PAUSE));
    }

    /**
     * Handles each partition's records in order and commits what succeeded; a failure that may heal (database,
     * registry) is thrown to the loop, whose next consumer resumes from the committed offsets after a pause.
     */
    private final class Step implements ConsumerLoop.Step<String, byte[]> {

        @Override
        public void start(Consumer<String, byte[]> consumer) {
            TopicProvisioner.ensure(settings.kafkaBootstrap(), List.of(Topics.PAYOUT_CALCULATIONS, Topics.DEAD_LETTERS));
            consumer.subscribe(List.of(Topics.PAYOUT_CALCULATIONS.name()));
        }

        @Override
        public void handle(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            try {
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        handler.handle(record);
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
            } finally {
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
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

    @PreDestroy
    void stop() {
        loop.close();
    }

    /** The principal the process manager's commands run as; its subject is the recorded actor. */
    static Principal principal() {
        return Principal.system(NAME);
    }
}
