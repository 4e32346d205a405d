package io.lucid.query.live;

import io.lucid.events.view.ViewChanged;
import io.lucid.kit.kafka.ConsumerLoop;
import io.lucid.query.QueryConfig;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.trace.TraceContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link Topics#VIEW_CHANGES} with the kit's {@link ConsumerLoop} and hands every change to
 * {@link LiveUpdates}. Each instance reads every
 * partition by assignment, without a consumer group (every instance must see every change, and a restart must
 * leave nothing behind), from the latest record: a subscriber that connected earlier got its state from the
 * snapshot. A record's offset + 1 is its version on every channel it reaches ({@link ChangeHistory}).
 */
@Singleton
@Requires(property = "lucid.live-updates", notEquals = "false")
public class ViewChangeListener implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ViewChangeListener.class);

    private final QueryConfig config;
    private final LiveUpdates updates;
    private final ChangeHistory history;
    /** Where each partition goes on: a consumer started after a failure resumes there, so history has no gap. */
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
    private ConsumerLoop<String, byte[]> loop;
    private Deserializer<ViewChanged> values;

    public ViewChangeListener(QueryConfig config, LiveUpdates updates, ChangeHistory history) {
        this.config = config;
        this.updates = updates;
        this.history = history;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (loop == null) {
            loop = ConsumerLoop.start("lucid-view-changes",
                    () -> new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer()),
                    new Step(), e -> e instanceof RuntimeException, ConsumerLoop.Settings.DEFAULT);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    /** The kit's consumer loop runs this: assign every partition, then push every change. */
    private final class Step implements ConsumerLoop.Step<String, byte[]> {

        @Override
        public void start(Consumer<String, byte[]> kafka) {
            if (values == null) {
                values = Topics.VIEW_CHANGES.valueSerde(SchemaRegistryClient.connect(config.schemaRegistryUrl()))
                        .deserializer();
            }
            List<PartitionInfo> partitions = kafka.partitionsFor(Topics.VIEW_CHANGES.name());
            if (partitions == null || partitions.isEmpty()) {
                // The projections create it; the loop tries again after a pause.
                throw new IllegalStateException(Topics.VIEW_CHANGES.name() + " does not exist yet");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            kafka.assign(assigned);
            for (TopicPartition partition : assigned) {
                Long next = nextOffsets.get(partition.partition());
                if (next == null) {
                    kafka.seekToEnd(List.of(partition));
                } else {
                    kafka.seek(partition, next);
                }
                // The channel versions start where this instance starts reading: history begins here.
                history.start(partition.partition(), assigned.size(), kafka.position(partition));
            }
        }

        @Override
        public void handle(Consumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
            List<LiveUpdates.Change> changes = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Optional<LiveUpdates.Change> change = decode(record, values);
                if (change.isPresent()) {
                    changes.add(change.get());
                } else {
                    history.skip(record.partition(), record.offset() + 1);
                }
                nextOffsets.put(record.partition(), record.offset() + 1);
            }
            apply(changes);
        }
    }

    /** A change that cannot be read is logged and skipped: the next change of that row repairs it. */
    private static Optional<LiveUpdates.Change> decode(ConsumerRecord<String, byte[]> record,
            Deserializer<ViewChanged> values) {
        try {
            ViewChanged change = values.deserialize(record.topic(), record.headers(), record.value());
            return Optional.ofNullable(change)
                    .map(c -> new LiveUpdates.Change(c.getView(), c.getId(), c.getVersion(), c.getBody(),
                            record.partition(), record.offset() + 1, traceparent(record)));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read view change {}/{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * The change's trace context as the frame shows it: re-written from the parsed value, so a malformed header
     * shows nothing rather than reaching a client.
     */
    static String traceparent(ConsumerRecord<String, byte[]> record) {
        TraceContext trace = TraceContext.from(record.headers());
        return trace == null ? null : trace.traceparent();
    }

    /** Live updates are best effort per batch: a failure is logged, later changes go out as usual. */
    private void apply(List<LiveUpdates.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            updates.changed(changes);
        } catch (RuntimeException e) {
            LOG.warn("Cannot push {} view changes: {}", changes.size(), e.toString());
        }
    }

    /** No consumer group: every instance reads every partition itself, so a restart leaves no group behind. */
    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.CLIENT_ID_CONFIG, "lucid-query-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The projections create the topic with its catalogue settings; never the broker's defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    }
}
