package io.lucid.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints HS256 bearer tokens the services accept: the admin token printed by {@code ./lucid up}, and tokens of any
 * role for tests. The key is the secret's UTF-8 bytes, as Micronaut uses a plain (non-base64) secret.
 */
public final class AdminTokens {

    public static final String ISSUER = "lucid";

    private AdminTokens() {}

    public static String mint(String secret, String subject, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign a token with this secret: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** The token {@code ./lucid up} prints: subject {@code admin}, role {@code ADMIN}, valid 30 days. */
    public static String admin(String secret) {
        return mint(secret, "admin", List.of("ADMIN"), Duration.ofDays(30));
    }
}
