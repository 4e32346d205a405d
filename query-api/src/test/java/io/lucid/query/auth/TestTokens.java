package io.lucid.query.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.lucid.kit.auth.TokenMinter;
import io.lucid.kit.auth.TokenRules;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens as command-api issues them (the kit's {@link TokenMinter}), and variants that break one rule, for tests. */
public final class TestTokens {

    public static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";

    private TestTokens() {
    }

    public static String token(String subject, List<String> roles, String nodeId) {
        return sign(SECRET, TokenRules.ISSUER, subject, roles, nodeId);
    }

    public static String sign(String secret, String issuer, String subject, List<String> roles, String nodeId) {
        return new TokenMinter(secret).sign(claims(issuer, subject, roles, nodeId).build());
    }

    /** Valid claims to alter: issuer, both audiences, issued now, expiring in 10 minutes. */
    public static JWTClaimsSet.Builder claims(String issuer, String subject, List<String> roles, String nodeId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(TokenRules.AUDIENCES)
                .claim(TokenRules.ROLES_CLAIM, roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        if (nodeId != null) {
            claims.claim(TokenRules.NODE_ID_CLAIM, nodeId);
        }
        return claims;
    }
}
