package io.lucid.streams.pool;

/** The node lifecycle states the pools care about (DOMAIN.md section 4). Only ACTIVE nodes are pool members. */
public enum Lifecycle {
    INACTIVE, ACTIVE, MAINTENANCE, DEREGISTERED
}
