package io.lucid.projections.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeHealth;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.pool.AssignmentReason;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolTier;
import io.lucid.events.pool.RemovalReason;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.TestRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeReadModelTest {

    private static final String NODE = "node_alpha_01";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new NodeReadModel());

    @Test
    void aRegistrationCreatesAnInactiveNodeWithItsTier() {
        fixture.apply(TestRecords.nodeRegistered(NODE), NODE, 0, T0);

        NodeView node = fixture.row(NodeReadModel.VIEW, NODE, NodeView.class).orElseThrow();
        assertThat(node.status()).isEqualTo("INACTIVE");
        assertThat(node.tier()).isEqualTo("high_performance");
        assertThat(node.hardware().cpuCores()).isEqualTo(8);
        assertThat(node.location().country()).isEqualTo("DE");
        assertThat(fixture.version(NodeReadModel.VIEW, NODE)).isEqualTo(1);
        assertThat(fixture.json(NodeReadModel.VIEW, NODE))
                .contains("\"node_id\":\"node_alpha_01\"", "\"registered_at\":\"2026-01-02T03:04:05.678Z\"");
    }

    @Test
    void eachChangeRaisesTheVersionByOneAndARepeatChangesNothing() {
        fixture.apply(TestRecords.nodeRegistered(NODE), NODE, 0, T0)
                .apply(new NodeActivated(NODE, T0), NODE, 1, T0)
                .apply(new NodeActivated(NODE, T0), NODE, 2, T0);

        assertThat(fixture.row(NodeReadModel.VIEW, NODE, NodeView.class).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(fixture.version(NodeReadModel.VIEW, NODE)).isEqualTo(2);
    }

    @Test
    void aPoolRemovalReadBeforeTheNewerAssignmentDoesNotClearIt() {
        fixture.apply(TestRecords.nodeRegistered(NODE), NODE, 0, T0)
                .apply(assigned("pool_standard_1", T0.plusSeconds(10)), "pool_standard_1", 0, T0)
                // The node moved to pool 2; pool 2's partition was read before pool 1's removal.
                .apply(assigned("pool_standard_2", T0.plusSeconds(20)), "pool_standard_2", 0, T0)
                .apply(removed("pool_standard_1", T0.plusSeconds(20)), "pool_standard_1", 1, T0);

        assertThat(fixture.row(NodeReadModel.VIEW, NODE, NodeView.class).orElseThrow().poolId())
                .isEqualTo("pool_standard_2");
    }

    @Test
    void healthReadBeforeTheRegistrationIsKeptByIt() {
        fixture.apply(new NodeHealthChanged(NODE, NodeHealth.unhealthy, T0, T0), NODE, 0, T0)
                .apply(TestRecords.nodeRegistered(NODE), NODE, 0, T0);

        NodeView node = fixture.row(NodeReadModel.VIEW, NODE, NodeView.class).orElseThrow();
        assertThat(node.status()).isEqualTo("INACTIVE");
        assertThat(node.health().status()).isEqualTo("unhealthy");
    }

    private static NodeAssignedToPool assigned(String pool, Instant at) {
        return new NodeAssignedToPool(pool, NODE, PoolTier.standard, AssignmentReason.activated, 1, at);
    }

    private static NodeRemovedFromPool removed(String pool, Instant at) {
        return new NodeRemovedFromPool(pool, NODE, RemovalReason.tier_changed, 0, at);
    }
}
