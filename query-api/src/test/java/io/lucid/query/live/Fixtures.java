package io.lucid.query.live;

import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Role;
import io.lucid.query.node.NodeReader;
import io.lucid.query.node.NodeView;
import io.micronaut.json.JsonMapper;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test data: callers, node views and an in-memory node reader. */
final class Fixtures {

    static final FrameCodec CODEC = new FrameCodec(JsonMapper.createDefault());

    static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null);
    static final Caller AUDITOR = new Caller("audit", Set.of(Role.AUDITOR), null);
    static final Caller NODE_ABC = new Caller("n-abc", Set.of(Role.NODE), "node_abc123");
    static final Caller DEVICE = new Caller("dev", Set.of(Role.DEVICE), null);

    /** Tokens are the callers' subjects. */
    static final Map<String, Caller> TOKENS = Map.of("admin-token", ADMIN, "auditor-token", AUDITOR,
            "node-token", NODE_ABC, "device-token", DEVICE);

    private Fixtures() {
    }

    static NodeView node(String nodeId, long version) {
        return new NodeView(nodeId, "name-" + nodeId, "worker", "INACTIVE",
                new NodeView.Hardware(8, 16L << 30, 500L << 30, "NVMe", 1000, null),
                new NodeView.Location("DE", null), "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
                "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", version, "2026-01-02T03:04:05.678Z",
                "2026-01-02T03:04:06Z");
    }

    /** Node rows in memory; tests change them as the projections would. */
    static final class Nodes implements NodeReader {

        final Map<String, NodeView> rows = new ConcurrentHashMap<>();

        void put(NodeView node) {
            rows.put(node.nodeId(), node);
        }

        @Override
        public Optional<NodeView> find(String nodeId) {
            return Optional.ofNullable(rows.get(nodeId));
        }

        @Override
        public List<NodeView> findAll(Collection<String> nodeIds) {
            return nodeIds.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public List<NodeView> recent(int limit) {
            return rows.values().stream().sorted(Comparator.comparing(NodeView::nodeId)).limit(limit).toList();
        }
    }
}
