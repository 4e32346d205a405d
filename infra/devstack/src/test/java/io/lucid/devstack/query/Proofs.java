package io.lucid.devstack.query;

import io.lucid.devstack.node.NodeKeys;

/**
 * Signed task proofs of the types {@link io.lucid.devstack.node.Nodes} has no builder for, as JSON: the signed text
 * is {@code {node_id}:{slot}:{type}:{v1}:{v2}} with the value fields in the order DOMAIN.md section 5 gives.
 */
final class Proofs {

    private Proofs() {
    }

    static String storage(String nodeId, long slot, long chunks, long sizeBytes, NodeKeys keys) {
        String signature = keys.sign(nodeId + ":" + slot + ":storage_availability:" + chunks + ":" + sizeBytes);
        return """
                {"node_id":"%s","slot":%d,"type":"storage_availability","value":{"chunks_stored":%d,"size_bytes":%d},"signature":"%s"}"""
                .formatted(nodeId, slot, chunks, sizeBytes, signature);
    }

    static String validation(String nodeId, long slot, long sessions, NodeKeys keys) {
        String signature = keys.sign(nodeId + ":" + slot + ":validation_signature:" + sessions);
        return """
                {"node_id":"%s","slot":%d,"type":"validation_signature","value":{"validated_sessions":%d},"signature":"%s"}"""
                .formatted(nodeId, slot, sessions, signature);
    }
}
