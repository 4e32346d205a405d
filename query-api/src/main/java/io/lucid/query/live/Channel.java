package io.lucid.query.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.ReadPolicy;
import io.lucid.query.node.NodeReader;
import io.lucid.query.node.NodeView;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A live channel: its name on the wire, who may read it (the same rules as REST) and how to read its snapshot.
 * Versions are tracked per entity id: {@code node:<id>} has one entity, {@code nodes} one per node.
 */
public sealed interface Channel permits Channel.Node, Channel.Nodes {

    /** How many nodes the {@code nodes} snapshot carries, most recently changed first. */
    int NODES_SNAPSHOT_LIMIT = 100;

    String name();

    boolean mayBeReadBy(Caller caller);

    Snapshot snapshot(NodeReader nodes);

    /** The channel a client names, or empty when there is no such channel. */
    static Optional<Channel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (Nodes.NAME.equals(name)) {
            return Optional.of(new Nodes());
        }
        if (name.startsWith(Node.PREFIX) && Node.ID.matcher(name.substring(Node.PREFIX.length())).matches()) {
            return Optional.of(new Node(name.substring(Node.PREFIX.length())));
        }
        return Optional.empty();
    }

    /** What a subscriber gets first: the frame's version and data, and the version of each entity in it. */
    record Snapshot(long version, Object data, Map<String, Long> versionsById) {
    }

    /** One node, {@code node:<node_id>}. */
    record Node(String nodeId) implements Channel {

        static final String PREFIX = "node:";
        static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

        public static String nameOf(String nodeId) {
            return PREFIX + nodeId;
        }

        @Override
        public String name() {
            return nameOf(nodeId);
        }

        @Override
        public boolean mayBeReadBy(Caller caller) {
            return ReadPolicy.mayReadNode(caller, nodeId);
        }

        @Override
        public Snapshot snapshot(NodeReader nodes) {
            return nodes.find(nodeId)
                    .map(node -> new Snapshot(node.version(), node, Map.of(nodeId, node.version())))
                    .orElseGet(() -> new Snapshot(0, null, Map.of()));
        }
    }

    /** Every node change, {@code nodes}; its snapshot lists the most recently changed nodes. */
    record Nodes() implements Channel {

        public static final String NAME = "nodes";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean mayBeReadBy(Caller caller) {
            return ReadPolicy.mayListNodes(caller);
        }

        @Override
        public Snapshot snapshot(NodeReader nodes) {
            List<NodeView> recent = nodes.recent(NODES_SNAPSHOT_LIMIT);
            Map<String, Long> versions = new LinkedHashMap<>();
            recent.forEach(node -> versions.put(node.nodeId(), node.version()));
            return new Snapshot(0, new NodeList(recent), versions);
        }
    }

    /** The data of a {@code nodes} snapshot. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NodeList(List<NodeView> items) {
    }
}
