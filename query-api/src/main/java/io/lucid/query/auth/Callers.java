package io.lucid.query.auth;

import io.lucid.kit.auth.TokenRules;
import io.micronaut.security.authentication.Authentication;

/** Maps Micronaut Security's {@link Authentication} (from a validated JWT) to a {@link Caller}. */
public final class Callers {

    /** The JWT claim naming the node a NODE token speaks for. */
    public static final String NODE_ID_CLAIM = TokenRules.NODE_ID_CLAIM;

    private Callers() {
    }

    public static Caller from(Authentication authentication) {
        return Caller.of(authentication.getName(), authentication.getRoles(),
                authentication.getAttributes().get(NODE_ID_CLAIM));
    }
}
