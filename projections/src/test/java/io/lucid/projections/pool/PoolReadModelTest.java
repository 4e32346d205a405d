package io.lucid.projections.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.events.pool.AssignmentReason;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatus;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.pool.PoolTier;
import io.lucid.events.pool.RemovalReason;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.RowKey;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PoolReadModelTest {

    private static final String POOL_1 = "pool_standard_1";
    private static final String POOL_2 = "pool_standard_2";
    private static final String NODE = "node_alpha_01";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new PoolReadModel());
    private final Map<String, Long> sequences = new HashMap<>();

    @Test
    void aCreatedPoolIsFormingWithItsTierNumberAndCapacity() {
        apply(POOL_1, created(POOL_1, 1, T0));

        PoolView pool = pool(POOL_1);
        assertThat(pool.status()).isEqualTo("FORMING");
        assertThat(pool.tier()).isEqualTo("standard");
        assertThat(pool.number()).isEqualTo(1);
        assertThat(pool.capacity()).isEqualTo(100);
        assertThat(pool.memberCount()).isZero();
        assertThat(pool.createdAt()).isEqualTo(T0);
        assertThat(fixture.json(PoolReadModel.POOL, POOL_1))
                .contains("\"pool_id\":\"pool_standard_1\"", "\"member_count\":0",
                        "\"created_at\":\"2026-01-02T03:04:05.678Z\"", "\"leader_node_id\":null");
    }

    @Test
    void anAssignmentAddsAMemberUnderItsPoolAndTakesTheReportedCount() {
        apply(POOL_1, created(POOL_1, 1, T0));
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));

        PoolMemberView member = member(NODE);
        assertThat(member.poolId()).isEqualTo(POOL_1);
        assertThat(member.tier()).isEqualTo("standard");
        assertThat(member.reason()).isEqualTo("activated");
        assertThat(member.joinedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(parent(PoolReadModel.MEMBER, NODE)).isEqualTo(POOL_1);
        assertThat(pool(POOL_1).memberCount()).isEqualTo(1);
        assertThat(pool(POOL_1).updatedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aRemovalDeletesTheMembershipAndLowersTheCount() {
        apply(POOL_1, created(POOL_1, 1, T0));
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));
        apply(POOL_1, removed(POOL_1, NODE, 0, T0.plusSeconds(20)));

        assertThat(fixture.row(PoolReadModel.MEMBER, NODE, PoolMemberView.class)).isEmpty();
        // The deletion is a change of its own: the tombstone keeps the version rising.
        assertThat(fixture.version(PoolReadModel.MEMBER, NODE)).isEqualTo(2);
        assertThat(pool(POOL_1).memberCount()).isZero();
    }

    @Test
    void aStatusChangeSetsStatusAndCount() {
        apply(POOL_1, created(POOL_1, 1, T0));
        apply(POOL_1, new PoolStatusChanged(POOL_1, PoolStatus.DEGRADED, PoolStatus.ACTIVE, 4, 2,
                T0.plusSeconds(30)));

        PoolView pool = pool(POOL_1);
        assertThat(pool.status()).isEqualTo("DEGRADED");
        assertThat(pool.memberCount()).isEqualTo(4);
        assertThat(pool.statusChangedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aLeaderChangeSetsTheLeaderAndANullLeaderClearsIt() {
        apply(POOL_1, created(POOL_1, 1, T0));
        apply(POOL_1, new PoolLeaderChanged(POOL_1, NODE, null, 1_209_600L, T0.plusSeconds(40)));
        assertThat(pool(POOL_1).leaderNodeId()).isEqualTo(NODE);
        assertThat(pool(POOL_1).leaderWeight()).isEqualTo(1_209_600L);

        apply(POOL_1, new PoolLeaderChanged(POOL_1, null, NODE, null, T0.plusSeconds(50)));
        assertThat(pool(POOL_1).leaderNodeId()).isNull();
        assertThat(pool(POOL_1).leaderWeight()).isNull();
        assertThat(pool(POOL_1).leaderChangedAt()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void joiningAnotherPoolReplacesTheMembershipOfTheFirst() {
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));
        // A tier change whose removal from pool 1 has not been read yet.
        apply(POOL_2, assigned(POOL_2, NODE, 1, T0.plusSeconds(20)));

        assertThat(member(NODE).poolId()).isEqualTo(POOL_2);
        assertThat(parent(PoolReadModel.MEMBER, NODE)).isEqualTo(POOL_2);
    }

    @Test
    void anOlderAssignmentReadAfterANewerOneOfAnotherPoolIsIgnored() {
        // Pool 2's partition is read first: the node moved from pool 1 to pool 2 at T0+20.
        apply(POOL_2, assigned(POOL_2, NODE, 1, T0.plusSeconds(20)));
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));
        long version = fixture.version(PoolReadModel.MEMBER, NODE);
        apply(POOL_1, removed(POOL_1, NODE, 0, T0.plusSeconds(20)));

        assertThat(member(NODE).poolId()).isEqualTo(POOL_2);
        assertThat(member(NODE).joinedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(fixture.version(PoolReadModel.MEMBER, NODE)).isEqualTo(version);
        // Pool 1's own count still follows its events.
        assertThat(pool(POOL_1).memberCount()).isZero();
    }

    @Test
    void aRemovalFromTheOldPoolReadAfterTheNewAssignmentKeepsIt() {
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));
        apply(POOL_2, assigned(POOL_2, NODE, 1, T0.plusSeconds(20)));
        apply(POOL_1, removed(POOL_1, NODE, 0, T0.plusSeconds(20)));

        assertThat(member(NODE).poolId()).isEqualTo(POOL_2);
    }

    @Test
    void whicheverOrderThePoolsAreReadInTheNewestEventDecides() {
        List<Event> history = List.of(
                new Event(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10))),
                new Event(POOL_1, removed(POOL_1, NODE, 0, T0.plusSeconds(20))),
                new Event(POOL_2, assigned(POOL_2, NODE, 1, T0.plusSeconds(20))),
                new Event(POOL_2, removed(POOL_2, NODE, 0, T0.plusSeconds(30))),
                new Event(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(40))));
        for (List<Event> order : interleavings(history)) {
            ReadModelFixture run = new ReadModelFixture(new PoolReadModel());
            order.forEach(event -> run.apply(event.event(), event.pool(), 0, T0));
            assertThat(run.row(PoolReadModel.MEMBER, NODE, PoolMemberView.class).map(PoolMemberView::poolId))
                    .as("read in order %s", order).contains(POOL_1);
        }
    }

    @Test
    void eventsReadBeforeTheCreationFillAStubThatTheCreationCompletes() {
        apply(POOL_2, assigned(POOL_2, NODE, 1, T0.plusSeconds(10)));
        assertThat(pool(POOL_2).tier()).isEqualTo("standard");
        assertThat(pool(POOL_2).number()).isEqualTo(2);
        assertThat(pool(POOL_2).status()).isNull();

        apply(POOL_2, created(POOL_2, 2, T0));
        PoolView pool = pool(POOL_2);
        assertThat(pool.status()).isEqualTo("FORMING");
        assertThat(pool.capacity()).isEqualTo(100);
        assertThat(pool.memberCount()).isEqualTo(1);
        assertThat(pool.updatedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aRepeatedEventChangesNoBodyAndNoVersion() {
        PoolCreated created = created(POOL_1, 1, T0);
        NodeAssignedToPool assigned = assigned(POOL_1, NODE, 1, T0.plusSeconds(10));
        apply(POOL_1, created);
        apply(POOL_1, assigned);
        String pool = fixture.json(PoolReadModel.POOL, POOL_1);
        String member = fixture.json(PoolReadModel.MEMBER, NODE);

        apply(POOL_1, created);
        apply(POOL_1, assigned);

        assertThat(fixture.json(PoolReadModel.POOL, POOL_1)).isEqualTo(pool);
        assertThat(fixture.json(PoolReadModel.MEMBER, NODE)).isEqualTo(member);
        assertThat(fixture.version(PoolReadModel.POOL, POOL_1)).isEqualTo(2);
        assertThat(fixture.version(PoolReadModel.MEMBER, NODE)).isEqualTo(1);
    }

    @Test
    void bodiesHoldExactlyTheDocumentedFieldsAndNoSecret() {
        apply(POOL_1, created(POOL_1, 1, T0));
        apply(POOL_1, assigned(POOL_1, NODE, 1, T0.plusSeconds(10)));

        assertThat(fields(PoolReadModel.POOL, POOL_1)).containsExactlyInAnyOrder("pool_id", "tier", "number",
                "capacity", "status", "member_count", "leader_node_id", "leader_weight", "created_at",
                "status_changed_at", "leader_changed_at", "updated_at");
        assertThat(fields(PoolReadModel.MEMBER, NODE)).containsExactlyInAnyOrder("node_id", "pool_id", "tier",
                "reason", "joined_at");
        assertThat(fixture.json(PoolReadModel.POOL, POOL_1) + fixture.json(PoolReadModel.MEMBER, NODE))
                .doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("secret");
    }

    @Test
    void poolsAreServedToReadersAndMembersToTheirOwnNode() {
        List<ViewDefinition> views = new PoolReadModel().views();
        ViewDefinition pools = views.get(0);
        ViewDefinition members = views.get(1);

        assertThat(pools.entityPath()).isEqualTo("pools");
        assertThat(pools.access()).isEqualTo(Access.READERS_ONLY);
        assertThat(pools.listings()).extracting(Listing::path).containsExactly("pools");
        assertThat(pools.listings().get(0).filters()).extracting(Filter::param).containsExactly("tier", "status");
        assertThat(pools.channels()).containsExactly(ChannelSpec.all("pools", "pools"), ChannelSpec.entity("pool:"));
        assertThat(members.access()).isEqualTo(Access.ownNode("node_id"));
        assertThat(members.listings().get(0).path()).isEqualTo("pools/{id}/members");
        assertThat(members.listings().get(0).parentField()).isEqualTo("pool_id");
        assertThat(members.listings().get(0).sort().byRowId()).isTrue();
    }

    private record Event(String pool, SpecificRecord event) {
    }

    /** Every order of the events that keeps each pool's own events in order (per-key order holds). */
    private static List<List<Event>> interleavings(List<Event> history) {
        List<Event> first = history.stream().filter(e -> e.pool().equals(POOL_1)).toList();
        List<Event> second = history.stream().filter(e -> e.pool().equals(POOL_2)).toList();
        List<List<Event>> out = new ArrayList<>();
        merge(first, 0, second, 0, new ArrayList<>(), out);
        return out;
    }

    private static void merge(List<Event> a, int i, List<Event> b, int j, List<Event> prefix, List<List<Event>> out) {
        if (i == a.size() && j == b.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        if (i < a.size()) {
            prefix.add(a.get(i));
            merge(a, i + 1, b, j, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
        if (j < b.size()) {
            prefix.add(b.get(j));
            merge(a, i, b, j + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private void apply(String poolId, SpecificRecord event) {
        long sequence = sequences.merge(poolId, 1L, Long::sum) - 1;
        fixture.apply(event, poolId, sequence, T0);
    }

    private PoolView pool(String poolId) {
        return fixture.row(PoolReadModel.POOL, poolId, PoolView.class).orElseThrow();
    }

    private PoolMemberView member(String nodeId) {
        return fixture.row(PoolReadModel.MEMBER, nodeId, PoolMemberView.class).orElseThrow();
    }

    private String parent(String view, String id) {
        return fixture.rows().all().get(new RowKey(view, id)).parent();
    }

    private List<String> fields(String view, String id) {
        JsonNode body = fixture.rows().all().get(new RowKey(view, id)).body();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static PoolCreated created(String poolId, int number, Instant at) {
        return new PoolCreated(poolId, PoolTier.standard, number, 100, at);
    }

    private static NodeAssignedToPool assigned(String poolId, String nodeId, int count, Instant at) {
        return new NodeAssignedToPool(poolId, nodeId, PoolTier.standard, AssignmentReason.activated, count, at);
    }

    private static NodeRemovedFromPool removed(String poolId, String nodeId, int count, Instant at) {
        return new NodeRemovedFromPool(poolId, nodeId, RemovalReason.tier_changed, count, at);
    }
}
