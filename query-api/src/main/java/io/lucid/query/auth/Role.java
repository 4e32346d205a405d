package io.lucid.query.auth;

import java.util.Optional;

/** The roles a token can carry in its {@code roles} claim (DOMAIN.md section 7). */
public enum Role {
    ADMIN, OPERATOR, NODE, DEVICE, AUDITOR;

    /** The role of a claim value; empty for a role this service does not know (it grants nothing). */
    public static Optional<Role> of(String claim) {
        for (Role role : values()) {
            if (role.name().equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
