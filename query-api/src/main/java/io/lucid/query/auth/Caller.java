package io.lucid.query.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is asking, as the verified token says: subject, roles, and for a NODE token the node it speaks for.
 *
 * @param subject the {@code sub} claim
 * @param roles   the known roles of the {@code roles} claim
 * @param nodeId  the {@code node_id} claim, null when absent
 */
public record Caller(String subject, Set<Role> roles, String nodeId) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A caller from raw claim values; unknown roles are dropped. */
    public static Caller of(String subject, Collection<String> roleClaims, Object nodeIdClaim) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        roleClaims.forEach(claim -> Role.of(claim).ifPresent(roles::add));
        return new Caller(subject, roles, nodeIdClaim instanceof String nodeId ? nodeId : null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
