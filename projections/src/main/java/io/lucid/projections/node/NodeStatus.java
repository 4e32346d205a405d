package io.lucid.projections.node;

/** A node's lifecycle state as the node view shows it (DOMAIN.md section 4). */
public enum NodeStatus {
    INACTIVE, ACTIVE, MAINTENANCE, DEREGISTERED
}
