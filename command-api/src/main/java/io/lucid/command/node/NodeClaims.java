package io.lucid.command.node;

/**
 * Set-based uniqueness of node ids and names across all Node aggregates. A claim is made inside the
 * transaction of the command that registers the node, so it commits or rolls back with the event:
 * two concurrent registrations of one name cannot both succeed.
 */
public interface NodeClaims {

    /** The outcome of a claim: granted, or which unique value is already taken. */
    enum Outcome { GRANTED, NODE_ID_TAKEN, NAME_TAKEN }

    Outcome claim(String nodeId, String name);
}
