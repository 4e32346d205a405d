package io.lucid.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.lucid.kit.auth.TokenRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issued tokens carry the claims both APIs read, signed with the shared secret. */
class TokenIssuerTest {

    static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private final TokenIssuer issuer = new TokenIssuer(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aDeviceTokenNamesTheDeviceItsRoleAndItsId() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue("device-1", Roles.DEVICE, null, "jti-1", NOW.plusSeconds(86_400)));
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("device-1");
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("DEVICE"));
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getIssuer()).isEqualTo("lucid");
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(86_400)));
        assertThat(claims.getClaim("node_id")).isNull();
    }

    @Test
    void aTokenIsValidOnBothApis() throws Exception {
        var claims = SignedJWT.parse(issuer.issue("device-1", Roles.DEVICE, null, "jti-1", NOW.plusSeconds(60)))
                .getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactlyInAnyOrder(TokenRules.COMMAND_AUDIENCE, TokenRules.QUERY_AUDIENCE);
        assertThat(TokenRules.acceptsClaims(claims, TokenRules.COMMAND_AUDIENCE, NOW)).isTrue();
        assertThat(TokenRules.acceptsClaims(claims, TokenRules.QUERY_AUDIENCE, NOW)).isTrue();
    }

    @Test
    void aNodeTokenCarriesItsNode() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue("agent", Roles.NODE, "node_alpha_01", "jti-2", NOW.plusSeconds(60)));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("node_id")).isEqualTo("node_alpha_01");
    }
}
