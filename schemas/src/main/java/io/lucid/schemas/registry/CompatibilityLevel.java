package io.lucid.schemas.registry;

/**
 * Confluent compatibility levels. BACKWARD: a new schema can read data written with the previous one;
 * FORWARD: the previous schema can read data written with the new one; FULL: both. The transitive variants
 * check against every live version instead of the latest only.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
}
