package io.lucid.command.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs the bearer tokens command-api hands out (device tokens, refreshed device tokens, tokens an admin issues):
 * HS256 with the secret both APIs validate with, the key being the secret's UTF-8 bytes as Micronaut reads a plain
 * secret. Claims: {@code sub}, {@code roles}, {@code jti}, {@code iss=lucid}, {@code iat}, {@code exp} and, for a
 * NODE token, {@code node_id}.
 */
@Singleton
public final class TokenIssuer {

    public static final String ISSUER = "lucid";
    static final String SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";

    private final MACSigner signer;
    private final Clock clock;

    TokenIssuer(@Property(name = SECRET_PROPERTY) String secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            // The message names the key length only, never the secret.
            throw new IllegalStateException("LUCID_JWT_SECRET cannot sign HS256 tokens: " + e.getMessage());
        }
        this.clock = clock;
    }

    /** A signed token for {@code subject} with one role, expiring at {@code expiresAt}. */
    public String issue(String subject, String role, @Nullable String nodeId, String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .claim("roles", List.of(role))
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(expiresAt));
        if (nodeId != null) {
            claims.claim(Principal.NODE_ID_CLAIM, nodeId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
