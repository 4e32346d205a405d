package io.lucid.projections.node;

import com.google.auto.service.AutoService;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.pool.Tier;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code node} view: one row per node with its lifecycle status, hardware and tier, location and wallet, the
 * pool it is in, its health and its newest score. Served at {@code /api/v1/nodes}, live on {@code nodes} and
 * {@code node:<id>}; a NODE token reads its own node only.
 */
@AutoService(ReadModel.class)
public final class NodeReadModel implements ReadModel {

    static final String VIEW = Views.NODE;

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.NODE_EVENTS, Topics.POOL_EVENTS, Topics.NODE_HEALTH, Topics.POOT_SCORES);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(NodeRegistered.class, NodeReadModel::registered)
                .on(NodeActivated.class, (e, m, rows) -> status(rows, e.getNodeId(), "ACTIVE", m))
                .on(NodeDeactivated.class, (e, m, rows) -> status(rows, e.getNodeId(), "INACTIVE", m))
                .on(NodeMaintenanceEntered.class, (e, m, rows) -> status(rows, e.getNodeId(), "MAINTENANCE", m))
                // Leaving maintenance makes the node ACTIVE again (DOMAIN.md section 4).
                .on(NodeMaintenanceExited.class, (e, m, rows) -> status(rows, e.getNodeId(), "ACTIVE", m))
                .on(NodeDeregistered.class, (e, m, rows) -> status(rows, e.getNodeId(), "DEREGISTERED", m))
                .on(NodeHardwareUpdated.class, NodeReadModel::hardwareUpdated)
                .on(NodeAssignedToPool.class, NodeReadModel::assigned)
                .on(NodeRemovedFromPool.class, NodeReadModel::removed)
                .on(NodeHealthChanged.class, NodeReadModel::health)
                .on(NodeScoreUpdated.class, NodeReadModel::score)
                .ignore(PoolCreated.class)
                .ignore(PoolStatusChanged.class)
                .ignore(PoolLeaderChanged.class);
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(ViewDefinition.of(VIEW)
                .existsWhen("status")
                .entity("nodes")
                .listing(Listing.of("nodes", Sort.byId(), "Nodes by id",
                        Filter.oneOf("status", Set.of("INACTIVE", "ACTIVE", "MAINTENANCE", "DEREGISTERED")),
                        Filter.oneOf("tier", Set.of("high_performance", "standard", "basic")),
                        Filter.text("pool_id"),
                        Filter.oneOf("node_type", Set.of("worker", "validator", "storage", "compute")),
                        new Filter("country", "location.country", io.lucid.projections.view.FieldType.TEXT,
                                Set.of())))
                .access(Access.ownNode("node_id"))
                .channel(ChannelSpec.all("nodes", "nodes"))
                .channel(ChannelSpec.entity("node:")));
    }

    static void registered(NodeRegistered event, EventMetadata metadata, Rows rows) {
        NodeView current = rows.get(VIEW, event.getNodeId(), NodeView.class).orElse(NodeView.stub(event.getNodeId()));
        NodeHardware hw = event.getHardware();
        rows.put(VIEW, event.getNodeId(), new NodeView(event.getNodeId(), event.getName(),
                event.getNodeType().name(), "INACTIVE", tierOf(hw), hardware(hw),
                new NodeView.Location(event.getLocation().getCountry(), event.getLocation().getRegion()),
                event.getWalletAddress(), event.getPublicKey(), event.getRegisteredAt(), metadata.time(),
                current.poolId(), current.poolChangedAt(), current.health(), current.score()));
    }

    static void status(Rows rows, String nodeId, String status, EventMetadata metadata) {
        rows.get(VIEW, nodeId, NodeView.class)
                .ifPresent(node -> rows.put(VIEW, nodeId, node.withStatus(status, metadata.time())));
    }

    static void hardwareUpdated(NodeHardwareUpdated event, EventMetadata metadata, Rows rows) {
        rows.get(VIEW, event.getNodeId(), NodeView.class).ifPresent(node -> rows.put(VIEW, event.getNodeId(),
                node.withHardware(hardware(event.getHardware()), tierOf(event.getHardware()), metadata.time())));
    }

    /** Pool events of two pools may be read in either order: the newer assignment wins. */
    static void assigned(NodeAssignedToPool event, EventMetadata metadata, Rows rows) {
        NodeView node = rows.get(VIEW, event.getNodeId(), NodeView.class).orElse(NodeView.stub(event.getNodeId()));
        Instant at = event.getAssignedAt();
        if (node.poolChangedAt() == null || !at.isBefore(node.poolChangedAt())) {
            rows.put(VIEW, event.getNodeId(), node.withPool(event.getPoolId(), at));
        }
    }

    /** A removal only clears the pool it names, and only when it is not older than the current assignment. */
    static void removed(NodeRemovedFromPool event, EventMetadata metadata, Rows rows) {
        rows.get(VIEW, event.getNodeId(), NodeView.class)
                .filter(node -> event.getPoolId().equals(node.poolId()))
                .filter(node -> node.poolChangedAt() == null || !event.getRemovedAt().isBefore(node.poolChangedAt()))
                .ifPresent(node -> rows.put(VIEW, event.getNodeId(), node.withPool(null, event.getRemovedAt())));
    }

    static void health(NodeHealthChanged event, EventMetadata metadata, Rows rows) {
        NodeView node = rows.get(VIEW, event.getNodeId(), NodeView.class).orElse(NodeView.stub(event.getNodeId()));
        rows.put(VIEW, event.getNodeId(), node.withHealth(new NodeView.Health(event.getHealth().name(),
                event.getLastHeartbeatAt(), event.getChangedAt())));
    }

    /** The newest epoch's score is the node's score; an update of an older epoch changes nothing. */
    static void score(NodeScoreUpdated event, EventMetadata metadata, Rows rows) {
        NodeView node = rows.get(VIEW, event.getNodeId(), NodeView.class).orElse(NodeView.stub(event.getNodeId()));
        if (node.score() != null && event.getEpoch() < node.score().epoch()) {
            return;
        }
        rows.put(VIEW, event.getNodeId(), node.withScore(new NodeView.Score(event.getEpoch(), event.getLiveScore(),
                event.getCreditsTotal(), event.getUptimeSeconds(), event.getEligible(), event.getUpdatedAt())));
    }

    private static NodeView.Hardware hardware(NodeHardware hw) {
        return new NodeView.Hardware(hw.getCpuCores(), hw.getMemoryBytes(), hw.getStorageBytes(),
                hw.getStorageType().name(), hw.getNetworkMbps(), hw.getGpuModel());
    }

    private static String tierOf(NodeHardware hw) {
        return Tier.of(hw.getCpuCores(), hw.getMemoryBytes(), hw.getStorageBytes()).wireName();
    }
}
