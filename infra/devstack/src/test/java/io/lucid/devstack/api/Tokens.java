package io.lucid.devstack.api;

import io.lucid.devstack.AdminTokens;
import io.lucid.devstack.test.TestStack;
import java.time.Duration;
import java.util.List;

/**
 * Tokens for the session and RDP integration tests, signed with the stack's secret: any role for any subject, and
 * NODE tokens that speak for a node ({@code node_id} claim). Every token is new (its own {@code jti}), so tests that
 * fire many requests mint their own instead of sharing the admin token's per-token rate limit.
 */
public final class Tokens {

    private final String secret;

    public Tokens(TestStack stack) {
        this.secret = stack.jwtSecret();
    }

    public String of(String role, String subject) {
        return mint(role, subject, null);
    }

    public String node(String nodeId) {
        return mint("NODE", "agent-" + nodeId, nodeId);
    }

    private String mint(String role, String subject, String nodeId) {
        return AdminTokens.mint(secret, subject, List.of(role), nodeId, Duration.ofHours(1));
    }
}
