package io.lucid.query.live;

import io.lucid.projections.node.NodeReadModel;
import io.lucid.projections.view.Listing;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Role;
import io.lucid.query.view.AccessScope;
import io.lucid.query.view.ViewCatalogue;
import io.lucid.query.view.ViewReader;
import io.lucid.query.view.ViewRows;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test data: callers, the node read model's declarations and its rows in memory. */
final class Fixtures {

    static final FrameCodec CODEC = new FrameCodec(JsonMapper.createDefault());

    static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null);
    static final Caller AUDITOR = new Caller("audit", Set.of(Role.AUDITOR), null);
    static final Caller NODE_ABC = new Caller("n-abc", Set.of(Role.NODE), "node_abc123");
    static final Caller DEVICE = new Caller("dev", Set.of(Role.DEVICE), null);

    /** Tokens are the callers' subjects. */
    static final Map<String, Caller> TOKENS = Map.of("admin-token", ADMIN, "auditor-token", AUDITOR,
            "node-token", NODE_ABC, "device-token", DEVICE);

    /** The catalogue of the real node read model: its channels are the ones under test. */
    static final ViewCatalogue CATALOGUE = new ViewCatalogue(List.of(new NodeReadModel()));

    private Fixtures() {
    }

    /** A node row's body as the projections store it. */
    static String node(String nodeId) {
        return "{\"node_id\":\"" + nodeId + "\",\"name\":\"name-" + nodeId + "\",\"status\":\"INACTIVE\"}";
    }

    /** View rows in memory; tests change them as the projections would, and announce the change. */
    static final class Rows implements ViewRows {

        final Map<String, ViewReader.StoredRow> rows = new ConcurrentHashMap<>();

        /**
         * Stores a node row and returns the change announcement the projections would publish; its place on the
         * feed is given by {@link Bench#publish}.
         */
        LiveUpdates.Change put(String nodeId, long version) {
            rows.put(nodeId, new ViewReader.StoredRow(nodeId, version, node(nodeId), nodeId));
            return new LiveUpdates.Change("node", nodeId, version, node(nodeId), -1, 0);
        }

        @Override
        public Optional<ViewReader.StoredRow> find(io.lucid.projections.view.ViewDefinition view, String id, AccessScope scope) {
            return Optional.ofNullable(rows.get(id)).filter(row -> allows(scope, row));
        }

        @Override
        public List<ViewReader.StoredRow> firstPage(io.lucid.projections.view.ViewDefinition view, Listing listing, Map<io.lucid.projections.view.Filter, String> filters,
                int limit, AccessScope scope) {
            return rows.values().stream().filter(row -> allows(scope, row))
                    .sorted(Comparator.comparing(ViewReader.StoredRow::id)).limit(limit).toList();
        }

        private static boolean allows(AccessScope scope, ViewReader.StoredRow row) {
            try {
                return scope.allows(new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.body()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static LiveViews views(Rows rows) {
        return new CatalogueLiveViews(CATALOGUE, rows);
    }

    /** A clock the tests move. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * One query-api instance's live side in memory: node rows, a change feed of three partitions read from offset
     * 0, the registry, the connections and a pairing completer the test chooses.
     */
    static final class Bench {
        final Rows nodes = new Rows();
        final SubscriptionRegistry registry = new SubscriptionRegistry();
        final ChangeHistory history;
        final LiveUpdates updates;
        final TestClock clock = new TestClock();
        final LiveConnections connections;
        final long[] offsets = new long[3];
        PairingCompleter pairings = (id, temp, info) -> new PairingCompleter.Unavailable("no command side here");
        LiveViews views;
        LiveLimits limits = LiveLimits.DEFAULTS;

        Bench() {
            this(100, LiveLimits.DEFAULTS);
        }

        Bench(int historyCapacity, LiveLimits limits) {
            this.limits = limits;
            history = new ChangeHistory(historyCapacity);
            for (int partition = 0; partition < offsets.length; partition++) {
                history.start(partition, offsets.length, 0);
            }
            updates = new LiveUpdates(registry, CATALOGUE, history, CODEC);
            connections = new LiveConnections(new io.lucid.kit.auth.RevokedSubjects(null),
                    limits.maxConnectionsPerPrincipal(), clock);
            views = views(nodes);
        }

        LiveConnection connect(RecordingSink sink) {
            LiveConnection connection = new LiveConnection(sink, new LiveConnection.Services(CODEC,
                    token -> Optional.ofNullable(TOKENS.get(token)), registry, views, history,
                    (id, temp, info) -> pairings.complete(id, temp, info), connections, Runnable::run, limits,
                    clock));
            connections.opened(connection);
            return connection;
        }

        /** The feed delivers the changes: each gets the next offset of its view's partition. */
        List<LiveUpdates.Change> publish(LiveUpdates.Change... changes) {
            List<LiveUpdates.Change> placed = new java.util.ArrayList<>();
            for (LiveUpdates.Change change : changes) {
                int partition = history.partitionOf(change.view());
                placed.add(new LiveUpdates.Change(change.view(), change.id(), change.version(), change.body(),
                        partition, ++offsets[partition]));
            }
            updates.changed(placed);
            return placed;
        }

        /** The channel version of the last change of the node view. */
        long lastNodeVersion() {
            return history.last("node");
        }
    }
}
