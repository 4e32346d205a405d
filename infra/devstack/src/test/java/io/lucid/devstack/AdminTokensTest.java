package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    @Test
    void adminTokenCarriesTheAgreedClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(AdminTokens.admin(SECRET));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(claims.getIssuer()).isEqualTo("lucid");
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("lucid-command", "lucid-query");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(claims.getExpirationTime().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void dashboardTokenIsAnOperatorOfAWeek() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(AdminTokens.dashboard(SECRET)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("dashboard");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("lucid-command", "lucid-query");
        assertThat(claims.getExpirationTime().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void testsCanMintTokensOfOtherRoles() throws Exception {
        String token = AdminTokens.mint(SECRET, "operator-7", List.of("OPERATOR", "NODE"), Duration.ofMinutes(5));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("operator-7");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR", "NODE");
    }

    @Test
    void aTokenSignedWithAnotherSecretDoesNotVerify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(AdminTokens.admin(SECRET));
        byte[] other = "another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);
        assertThat(jwt.verify(new MACVerifier(other))).isFalse();
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        String a = SignedJWT.parse(AdminTokens.admin(SECRET)).getJWTClaimsSet().getJWTID();
        String b = SignedJWT.parse(AdminTokens.admin(SECRET)).getJWTClaimsSet().getJWTID();
        assertThat(a).isNotEqualTo(b);
    }
}
