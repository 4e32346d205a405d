package io.lucid.schemas.topic;

import io.lucid.events.view.ViewChanged;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue (DESIGN.md section 5). Domain topics carry several event types of one aggregate
 * type, keyed by aggregate id so that order per aggregate holds; their values are therefore typed as
 * {@link SpecificRecord} and subjects follow the TopicRecordNameStrategy.
 */
public final class Topics {

    /** Domain topics default to six partitions: enough to scale consumers past one instance. */
    public static final int DOMAIN_PARTITIONS = 6;

    private static final Serde<String> KEY = Serdes.String();

    public static final Topic<String, SpecificRecord> NODE_EVENTS = domain("lucid.node.events");

    /** Projections announce committed view changes here; query-api pushes them to live subscribers. */
    public static final Topic<String, ViewChanged> VIEW_CHANGES = new Topic<>(
            "lucid.view.changes", 3, Retention.timed(Duration.ofDays(1)), KEY, ViewChanged.class);

    /** Kafka Connect offsets of the relay (Debezium's KafkaOffsetBackingStore creates and owns it). */
    public static final String RELAY_OFFSETS = "lucid.relay.offsets";

    private static final List<Topic<String, ?>> ALL = List.of(NODE_EVENTS, VIEW_CHANGES);

    private Topics() {
    }

    /** Every topic of the catalogue, for idempotent creation at start-up. */
    public static List<Topic<String, ?>> all() {
        return ALL;
    }

    /** The domain topic that carries the events of an aggregate type (as Axon records it: the aggregate class name). */
    public static Topic<String, SpecificRecord> forAggregateType(String aggregateType) {
        return switch (aggregateType) {
            case "Node" -> NODE_EVENTS;
            default -> throw new IllegalArgumentException("no topic for aggregate type " + aggregateType);
        };
    }

    private static Topic<String, SpecificRecord> domain(String name) {
        return new Topic<>(name, DOMAIN_PARTITIONS, Retention.forever(), KEY, SpecificRecord.class);
    }
}
