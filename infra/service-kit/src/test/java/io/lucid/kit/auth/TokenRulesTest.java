package io.lucid.kit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token rules both APIs apply: what a minted token passes, and each defect a token can have. */
class TokenRulesTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final TokenMinter minter = new TokenMinter(SECRET);
    private final BoundedJwtParser parser = new BoundedJwtParser();

    private JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().subject("admin").issuer(TokenRules.ISSUER).audience(TokenRules.AUDIENCES)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static boolean accepts(JWTClaimsSet claims, String audience) {
        return TokenRules.acceptsClaims(claims, audience, NOW);
    }

    @Test
    void aMintedTokenIsAcceptedByBothApis() throws Exception {
        String token = minter.mint("d1", List.of("DEVICE"), null, "jti-1", Instant.now(), Instant.now().plusSeconds(60));
        JWTClaimsSet claims = parser.parse(token).orElseThrow().getJWTClaimsSet();
        assertThat(TokenRules.acceptsClaims(claims, TokenRules.COMMAND_AUDIENCE, Instant.now())).isTrue();
        assertThat(TokenRules.acceptsClaims(claims, TokenRules.QUERY_AUDIENCE, Instant.now())).isTrue();
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        assertThat(accepts(valid().expirationTime(null).build(), TokenRules.COMMAND_AUDIENCE)).isFalse();
    }

    @Test
    void rejectsAnExpiredToken() {
        assertThat(accepts(valid().expirationTime(Date.from(NOW.minusSeconds(1))).build(), TokenRules.COMMAND_AUDIENCE)).isFalse();
    }

    @Test
    void rejectsATokenIssuedOrStartingInTheFuture() {
        Date later = Date.from(NOW.plus(TokenRules.CLOCK_SKEW).plusSeconds(1));
        assertThat(accepts(valid().issueTime(later).build(), TokenRules.COMMAND_AUDIENCE)).isFalse();
        assertThat(accepts(valid().notBeforeTime(later).build(), TokenRules.COMMAND_AUDIENCE)).isFalse();
        Date withinSkew = Date.from(NOW.plusSeconds(5));
        assertThat(accepts(valid().issueTime(withinSkew).notBeforeTime(withinSkew).build(), TokenRules.COMMAND_AUDIENCE)).isTrue();
    }

    @Test
    void rejectsATokenForAnotherAudienceOrWithout() {
        JWTClaimsSet queryOnly = valid().audience(TokenRules.QUERY_AUDIENCE).build();
        assertThat(accepts(queryOnly, TokenRules.COMMAND_AUDIENCE)).isFalse();
        assertThat(accepts(queryOnly, TokenRules.QUERY_AUDIENCE)).isTrue();
        assertThat(accepts(valid().audience((List<String>) null).build(), TokenRules.QUERY_AUDIENCE)).isFalse();
    }

    @Test
    void rejectsAnotherIssuer() {
        assertThat(accepts(valid().issuer("elsewhere").build(), TokenRules.COMMAND_AUDIENCE)).isFalse();
    }

    @Test
    void parserRefusesOtherHmacAlgorithms() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), valid().build());
            jwt.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));
            assertThat(parser.parse(jwt.serialize())).as(algorithm.getName()).isEmpty();
        }
        assertThat(parser.parse(minter.sign(valid().build()))).isPresent();
    }

    @Test
    void parserRefusesAnUnsignedOrOversizedToken() {
        String unsigned = new com.nimbusds.jwt.PlainJWT(valid().build()).serialize();
        assertThat(parser.parse(unsigned)).isEmpty();
        String huge = minter.sign(valid().claim("padding", "x".repeat(TokenRules.MAX_TOKEN_CHARS)).build());
        Optional<JWT> parsed = parser.parse(huge);
        assertThat(parsed).isEmpty();
        assertThat(parser.parseClaims(huge)).isEmpty();
    }
}
