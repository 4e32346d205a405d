package io.lucid.kit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs tokens as {@link TokenRules} defines them, for command-api's issuer, the embedded stack's admin token and
 * tests. The key is the secret's UTF-8 bytes, as Micronaut reads a plain secret. Framework-free.
 */
public final class TokenMinter {

    private final MACSigner signer;

    public TokenMinter(String secret) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            // The message names the key length only, never the secret.
            throw new IllegalStateException("LUCID_JWT_SECRET cannot sign HS256 tokens: " + e.getMessage());
        }
    }

    /** A token for {@code subject} with {@code roles} (and {@code nodeId} for a NODE), valid on both APIs. */
    public String mint(String subject, List<String> roles, String nodeId, String tokenId, Instant issuedAt,
            Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(TokenRules.ISSUER)
                .audience(TokenRules.AUDIENCES)
                .claim(TokenRules.ROLES_CLAIM, List.copyOf(roles))
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt.minusSeconds(1)))
                .expirationTime(Date.from(expiresAt));
        if (nodeId != null) {
            claims.claim(TokenRules.NODE_ID_CLAIM, nodeId);
        }
        return sign(claims.build());
    }

    /** Signs any claims with HS256; tests use it to build tokens that break a rule. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(TokenRules.ALGORITHM), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
