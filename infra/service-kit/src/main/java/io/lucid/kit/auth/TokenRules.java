package io.lucid.kit.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What a Lucid bearer token is, in one place for the issuer (command-api, the embedded stack) and both
 * verifiers: HS256 only, issuer {@code lucid}, an audience per API, {@code exp} required, {@code iat}/{@code nbf}
 * not in the future, at most {@value #MAX_TOKEN_CHARS} characters. A token a device or node gets is meant for
 * both APIs (it writes on one and reads on the other), so the issuer puts both audiences in.
 */
public final class TokenRules {

    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    public static final String ISSUER = "lucid";
    public static final String COMMAND_AUDIENCE = "lucid-command";
    public static final String QUERY_AUDIENCE = "lucid-query";
    /** Every token command-api issues is valid on both APIs. */
    public static final List<String> AUDIENCES = List.of(COMMAND_AUDIENCE, QUERY_AUDIENCE);
    public static final String ROLES_CLAIM = "roles";
    public static final String NODE_ID_CLAIM = "node_id";

    /** Our tokens are ~400 characters; anything far larger is refused before it is parsed or its MAC computed. */
    public static final int MAX_TOKEN_CHARS = 8_192;

    /** Tolerated difference between the issuer's clock and ours for {@code iat} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private TokenRules() {
    }

    /** Whether the claims make a token usable by the API of {@code audience} at {@code now} (signature aside). */
    public static boolean acceptsClaims(JWTClaimsSet claims, String audience, Instant now) {
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(now)) {
            return false;
        }
        Instant latestStart = now.plus(CLOCK_SKEW);
        if (isAfter(claims.getIssueTime(), latestStart) || isAfter(claims.getNotBeforeTime(), latestStart)) {
            return false;
        }
        return ISSUER.equals(claims.getIssuer()) && claims.getAudience().contains(audience);
    }

    private static boolean isAfter(Date date, Instant limit) {
        return date != null && date.toInstant().isAfter(limit);
    }
}
