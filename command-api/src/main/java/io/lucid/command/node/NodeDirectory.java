package io.lucid.command.node;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the rest of the command side needs to know about a node without loading its aggregate: its lifecycle
 * state, the Ed25519 key that verifies its task proofs and the wallet its payouts go to. Kept in step with the
 * Node aggregate in the same transaction as its events ({@link NodeDirectoryProjector}).
 */
public interface NodeDirectory {

    /** One node as the directory knows it. */
    record Entry(String nodeId, NodeStatus status, String publicKey, String walletAddress) {

        /** Registered and not deregistered: the node may send heartbeats and task proofs. */
        public boolean isLive() {
            return status != NodeStatus.DEREGISTERED;
        }
    }

    Optional<Entry> find(String nodeId);

    /** The entries of those of {@code nodeIds} that are registered, in one round trip. */
    Map<String, Entry> findAll(Collection<String> nodeIds);
}
