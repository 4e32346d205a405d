package io.lucid.command.node;

/** Lifecycle of a node (DOMAIN.md section 4). */
public enum NodeStatus { INACTIVE, ACTIVE, MAINTENANCE, DEREGISTERED }
