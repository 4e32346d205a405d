package io.lucid.query.node;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to the node view, for the REST API and the live snapshots. */
public interface NodeReader {

    Optional<NodeView> find(String nodeId);

    /** The nodes among {@code nodeIds} that exist, in no particular order. */
    List<NodeView> findAll(Collection<String> nodeIds);

    /** The most recently changed nodes, newest first. */
    List<NodeView> recent(int limit);
}
