package io.lucid.projections.pool;

import com.google.auto.service.AutoService;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code pool} and {@code pool_member} views, from the pool assignment processor's {@code lucid.pool.events}:
 * one row per pool (tier, status, member count, leader) served at {@code /api/v1/pools}, live on {@code pools} and
 * {@code pool:<id>}; and one row per member node, listed at {@code /api/v1/pools/{id}/members}, where a NODE token
 * sees its own membership only.
 *
 * <p>A pool's events share its key and arrive in order, so the pool row simply follows them. A node's membership is
 * told by the events of every pool it was in, which are read from different partitions in any relative order; the
 * event times decide which of them is the newest.
 */
@AutoService(ReadModel.class)
public final class PoolReadModel implements ReadModel {

    static final String POOL = Views.POOL;
    static final String MEMBER = Views.POOL_MEMBER;

    static final Set<String> TIERS = Set.of("high_performance", "standard", "basic");
    static final Set<String> STATUSES = Set.of("FORMING", "ACTIVE", "FULL", "DEGRADED");

    @Override
    public String name() {
        return "pools";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.POOL_EVENTS);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(PoolCreated.class, PoolReadModel::created)
                .on(NodeAssignedToPool.class, PoolReadModel::assigned)
                .on(NodeRemovedFromPool.class, PoolReadModel::removed)
                .on(PoolStatusChanged.class, PoolReadModel::statusChanged)
                .on(PoolLeaderChanged.class, PoolReadModel::leaderChanged);
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(
                ViewDefinition.of(POOL)
                        .entity("pools")
                        // By n, so that within a tier pool_x_10 follows pool_x_9; pools of one n by id.
                        .listing(Listing.of("pools", Sort.ascending("number", FieldType.LONG), "Pools by number",
                                Filter.oneOf("tier", TIERS), Filter.oneOf("status", STATUSES)))
                        .access(Access.READERS_ONLY)
                        .channel(ChannelSpec.all("pools", "pools"))
                        .channel(ChannelSpec.entity("pool:")),
                ViewDefinition.of(MEMBER)
                        .listing(Listing.children("pools/{id}/members", "pool_id", Sort.byId(),
                                "A pool's members by node id").under(POOL))
                        .access(Access.ownNode("node_id")));
    }

    static void created(PoolCreated event, EventMetadata metadata, Rows rows) {
        rows.put(POOL, event.getPoolId(), pool(rows, event.getPoolId())
                .created(event.getTier().name(), event.getNumber(), event.getCapacity(), event.getCreatedAt()));
    }

    /**
     * The node joins the pool unless a newer assignment to another pool was read first; an older membership (of any
     * pool) is replaced, because a node is never in two pools. The pool's count is the one the event reports.
     */
    static void assigned(NodeAssignedToPool event, EventMetadata metadata, Rows rows) {
        String poolId = event.getPoolId();
        rows.put(POOL, poolId, pool(rows, poolId).withMemberCount(event.getMemberCount(), event.getAssignedAt()));
        boolean newer = rows.get(MEMBER, event.getNodeId(), PoolMemberView.class)
                .map(current -> !event.getAssignedAt().isBefore(current.joinedAt()))
                .orElse(true);
        if (newer) {
            rows.put(MEMBER, event.getNodeId(), poolId, new PoolMemberView(event.getNodeId(), poolId,
                    event.getTier().name(), event.getReason().name(), event.getAssignedAt()));
        }
    }

    /**
     * Ends the membership it names, and only that one: when the node's row already shows a newer pool (its
     * assignment was read before this removal), the removal is old news and the row stays.
     */
    static void removed(NodeRemovedFromPool event, EventMetadata metadata, Rows rows) {
        String poolId = event.getPoolId();
        rows.put(POOL, poolId, pool(rows, poolId).withMemberCount(event.getMemberCount(), event.getRemovedAt()));
        rows.get(MEMBER, event.getNodeId(), PoolMemberView.class)
                .filter(current -> current.poolId().equals(poolId))
                .filter(current -> !event.getRemovedAt().isBefore(current.joinedAt()))
                .ifPresent(current -> rows.delete(MEMBER, event.getNodeId()));
    }

    static void statusChanged(PoolStatusChanged event, EventMetadata metadata, Rows rows) {
        rows.put(POOL, event.getPoolId(), pool(rows, event.getPoolId())
                .withStatus(event.getStatus().name(), event.getMemberCount(), event.getChangedAt()));
    }

    static void leaderChanged(PoolLeaderChanged event, EventMetadata metadata, Rows rows) {
        rows.put(POOL, event.getPoolId(), pool(rows, event.getPoolId())
                .withLeader(event.getLeaderNodeId(), event.getLeaderWeight(), event.getChangedAt()));
    }

    private static PoolView pool(Rows rows, String poolId) {
        return rows.get(POOL, poolId, PoolView.class).orElseGet(() -> PoolView.stub(poolId));
    }
}
