package io.lucid.devstack.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lucid.devstack.AdminTokens;
import io.lucid.devstack.test.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

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
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(AdminTokens.ISSUER)
                .claim("roles", List.of(role))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
        if (nodeId != null) {
            claims.claim("node_id", nodeId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
