package io.lucid.devstack;

import io.lucid.kit.auth.TokenMinter;
import io.lucid.kit.auth.TokenRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Mints bearer tokens the services accept, with the kit's {@link TokenMinter} (the same claims and audiences as
 * command-api's tokens): the admin token printed by {@code ./lucid up}, and tokens of any role for tests.
 */
public final class AdminTokens {

    public static final String ISSUER = TokenRules.ISSUER;

    private AdminTokens() {}

    public static String mint(String secret, String subject, List<String> roles, Duration ttl) {
        return mint(secret, subject, roles, null, ttl);
    }

    /** A token whose {@code node_id} claim is {@code nodeId} (for a NODE token; null for none). */
    public static String mint(String secret, String subject, List<String> roles, String nodeId, Duration ttl) {
        Instant now = Instant.now();
        try {
            return new TokenMinter(secret).mint(subject, roles, nodeId, UUID.randomUUID().toString(), now, now.plus(ttl));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("cannot sign a token with this secret: " + e.getMessage(), e);
        }
    }

    /**
     * The token a local stack's dashboard is prefilled with: OPERATOR (reads everything, starts pairings; no payout
     * or token administration), subject {@code dashboard}, valid 7 days (the dashboard asks again after that).
     */
    public static String dashboard(String secret) {
        return mint(secret, "dashboard", List.of("OPERATOR"), Duration.ofDays(7));
    }

    /** The token {@code ./lucid up} prints: subject {@code admin}, role {@code ADMIN}, valid 30 days. */
    public static String admin(String secret) {
        return mint(secret, "admin", List.of("ADMIN"), Duration.ofDays(30));
    }
}
