package io.lucid.schemas.topic;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeHeartbeat;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.RewardCalculated;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue (DESIGN.md section 5). Domain topics carry several event types of one or two aggregate
 * types, keyed by aggregate id so that order per aggregate holds; their values are therefore typed as
 * {@link SpecificRecord} and subjects follow the TopicRecordNameStrategy. Every record type of
 * {@link EventTypes} travels on exactly one topic.
 */
public final class Topics {

    /** Domain topics default to six partitions: enough to scale consumers past one instance. */
    public static final int DOMAIN_PARTITIONS = 6;

    /** Telemetry is only needed until liveness and dashboards have consumed it. */
    public static final Duration TELEMETRY_RETENTION = Duration.ofDays(7);

    private static final Serde<String> KEY = Serdes.String();

    public static final Topic<String, SpecificRecord> PAIRING_EVENTS = domain("lucid.pairing.events",
            "pairing_id for pairing events, device_id for device events",
            "QR pairings of devices and the devices' lifecycle (aggregates Pairing and Device).", EventTypes.PAIRING);

    public static final Topic<String, SpecificRecord> SESSION_EVENTS = domain("lucid.session.events",
            "session_id", "Recording sessions from creation to anchoring (aggregate Session).", EventTypes.SESSION);

    public static final Topic<String, SpecificRecord> RDP_EVENTS = domain("lucid.rdp.events",
            "server_id", "RDP servers and their client connections (aggregate RdpServer).", EventTypes.RDP);

    public static final Topic<String, SpecificRecord> NODE_EVENTS = domain("lucid.node.events",
            "node_id", "Volunteer nodes' registration and lifecycle (aggregate Node).", EventTypes.NODE);

    public static final Topic<String, SpecificRecord> POOT_EVENTS = domain("lucid.poot.events",
            "proof_id ({node_id}:{slot}:{proof_type})", "Accepted task proofs (aggregate TaskProof).",
            EventTypes.POOT);

    public static final Topic<String, SpecificRecord> PAYOUT_EVENTS = domain("lucid.payout.events",
            "payout_id (payout_{epoch}_{node_id})", "Payouts from creation to completion (aggregate Payout).",
            EventTypes.PAYOUT);

    public static final Topic<String, NodeHeartbeat> NODE_TELEMETRY = new Topic<>("lucid.node.telemetry",
            DOMAIN_PARTITIONS, Retention.timed(TELEMETRY_RETENTION), KEY, NodeHeartbeat.class, "node_id",
            "Node heartbeats, every 30 s per node; kept 7 days.", List.of(NodeHeartbeat.class));

    public static final Topic<String, RdpHealthReported> RDP_TELEMETRY = new Topic<>("lucid.rdp.telemetry",
            DOMAIN_PARTITIONS, Retention.timed(TELEMETRY_RETENTION), KEY, RdpHealthReported.class, "server_id",
            "RDP server health reports, every 30 s per server; kept 7 days.", List.of(RdpHealthReported.class));

    /** Compacted: the newest score per node is the live score. */
    public static final Topic<String, NodeScoreUpdated> POOT_SCORES = new Topic<>("lucid.poot.scores",
            DOMAIN_PARTITIONS, Retention.compacted(), KEY, NodeScoreUpdated.class, "node_id",
            "Live PoOT score per node (compacted: the newest record per node is its current score).",
            List.of(NodeScoreUpdated.class));

    public static final Topic<String, SpecificRecord> POOT_TALLIES = derived("lucid.poot.tallies",
            "epoch (decimal)", "Closed epochs: the final tally and the summary of the reward distribution.",
            Retention.forever(), List.of(EpochTallied.class, EpochRewardsDistributed.class));

    public static final Topic<String, SpecificRecord> PAYOUT_CALCULATIONS = derived("lucid.payout.calculations",
            "node_id", "Per node and closed epoch: the reward, and the payout calculated when the balance allows.",
            Retention.forever(), List.of(RewardCalculated.class, PayoutCalculated.class));

    public static final Topic<String, SpecificRecord> POOL_EVENTS = derived("lucid.pool.events",
            "pool_id", "Pool assignments, status and leaders; a pure function of the node, score and health topics.",
            Retention.forever(), List.of(PoolCreated.class,
                    NodeAssignedToPool.class, NodeRemovedFromPool.class,
                    PoolStatusChanged.class, PoolLeaderChanged.class));

    /** Compacted: the newest record per node is its current health. */
    public static final Topic<String, NodeHealthChanged> NODE_HEALTH = new Topic<>("lucid.node.health",
            DOMAIN_PARTITIONS, Retention.compacted(), KEY, NodeHealthChanged.class, "node_id",
            "Liveness of active nodes derived from heartbeats (compacted: newest per node).",
            List.of(NodeHealthChanged.class));

    /** Compacted: the newest record per server is its current responsiveness. */
    public static final Topic<String, SpecificRecord> RDP_HEALTH = derived("lucid.rdp.health",
            "server_id", "Responsiveness of running RDP servers derived from health reports (compacted: newest per server).",
            Retention.compacted(), List.of(RdpServerUnresponsive.class, RdpServerResponsive.class));

    /** Projections announce committed view changes here; query-api pushes them to live subscribers. */
    public static final Topic<String, ViewChanged> VIEW_CHANGES = new Topic<>(
            "lucid.view.changes", 3, Retention.timed(Duration.ofDays(1)), KEY, ViewChanged.class, "{view}",
            "Read-model changes announced by the projections after commit, one partition per view (its offsets are "
                    + "the live channels' versions); kept 1 day.", List.of(ViewChanged.class));

    /** Records a consumer gave up on, with their original bytes; kept until an operator deals with them. */
    public static final Topic<String, DeadLetter> DEAD_LETTERS = new Topic<>(
            "lucid.deadletter", 3, Retention.forever(), KEY, DeadLetter.class, "{source_topic}:{partition}:{offset}",
            "Records that a consumer could not process, with the error; never deleted automatically.",
            List.of(DeadLetter.class));

    /**
     * The public namespace: every topic whose name starts with this is in the catalogue, Avro in the Confluent wire
     * format, and readable by any client. Internal topics never start with it (an analytics client subscribed to
     * {@code lucid\\..*} must not meet Debezium's JSON or Kafka Streams' changelogs).
     */
    public static final String PUBLIC_PREFIX = "lucid.";

    /** Kafka Connect offsets of the relay (Debezium's KafkaOffsetBackingStore creates and owns it); JSON, internal. */
    public static final String RELAY_OFFSETS = "_lucid.relay.offsets";

    /** A topic the services keep for themselves: not Avro, not a contract, not for clients. */
    public record InternalTopic(String name, String owner, String content) {
    }

    /** Every internal topic, named outside {@link #PUBLIC_PREFIX}. */
    public static final List<InternalTopic> INTERNAL = List.of(
            new InternalTopic(RELAY_OFFSETS, "infra/relay (Debezium)", "the relay's Kafka Connect offsets, JSON"),
            // infra/registry's RegistryConfig.DEFAULT_TOPIC (the registry does not depend on this module).
            new InternalTopic("_schemas", "infra/registry", "the schema registry's log (Confluent's design), JSON"),
            new InternalTopic("lucid-<processor>-<store or step>-changelog / -repartition", "stream-processors (Kafka Streams)",
                    "state store changelogs and repartition topics, named after the application id `lucid-<processor>`"));

    private static final List<Topic<String, ? extends SpecificRecord>> ALL = List.of(
            PAIRING_EVENTS, SESSION_EVENTS, RDP_EVENTS, NODE_EVENTS, POOT_EVENTS, PAYOUT_EVENTS,
            NODE_TELEMETRY, RDP_TELEMETRY,
            POOT_SCORES, POOT_TALLIES, PAYOUT_CALCULATIONS, POOL_EVENTS, NODE_HEALTH, RDP_HEALTH,
            VIEW_CHANGES, DEAD_LETTERS);

    private Topics() {
    }

    /** Every topic of the catalogue, for idempotent creation at start-up. */
    public static List<Topic<String, ? extends SpecificRecord>> all() {
        return ALL;
    }

    /** The six domain topics that the relay writes (the audit log). */
    public static List<Topic<String, SpecificRecord>> domainTopics() {
        return List.of(PAIRING_EVENTS, SESSION_EVENTS, RDP_EVENTS, NODE_EVENTS, POOT_EVENTS, PAYOUT_EVENTS);
    }

    /** The domain topic that carries the events of an aggregate type (as Axon records it: the aggregate class name). */
    public static Topic<String, SpecificRecord> forAggregateType(String aggregateType) {
        return switch (aggregateType) {
            case "Pairing", "Device" -> PAIRING_EVENTS;
            case "Session" -> SESSION_EVENTS;
            case "RdpServer" -> RDP_EVENTS;
            case "Node" -> NODE_EVENTS;
            case "TaskProof" -> POOT_EVENTS;
            case "Payout" -> PAYOUT_EVENTS;
            default -> throw new IllegalArgumentException("no topic for aggregate type " + aggregateType);
        };
    }

    /** The topic that carries records of {@code type}, if any. */
    public static Optional<Topic<String, ? extends SpecificRecord>> carrying(Class<? extends SpecificRecord> type) {
        return ALL.stream().filter(topic -> topic.carries(type)).findFirst();
    }

    /** The topic named {@code name}, if it is in the catalogue. */
    public static Optional<Topic<String, ? extends SpecificRecord>> named(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    private static Topic<String, SpecificRecord> domain(String name, String key, String description,
            List<Class<? extends SpecificRecord>> records) {
        return derived(name, key, description, Retention.forever(), records);
    }

    private static Topic<String, SpecificRecord> derived(String name, String key, String description,
            Retention retention, List<Class<? extends SpecificRecord>> records) {
        return new Topic<>(name, DOMAIN_PARTITIONS, retention, KEY, SpecificRecord.class, key, description, records);
    }
}
