package io.lucid.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The shared test stack as other integration tests use it. */
class SharedTestStackIT {

    private final TestStack stack = TestStacks.get();

    @Test
    void isSharedWithinTheJvm() {
        assertThat(TestStacks.get()).isSameAs(stack);
    }

    @Test
    void databaseAnswers() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
                ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void mintsTokensTheServicesCanVerify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(stack.tokenFor("NODE"));
        assertThat(jwt.verify(new MACVerifier(stack.jwtSecret().getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("NODE");
        assertThat(SignedJWT.parse(stack.adminToken()).getJWTClaimsSet().getSubject()).isEqualTo("admin");
    }

    @Test
    void urlsPointAtLoopback() {
        assertThat(stack.kafkaBootstrap()).startsWith("127.0.0.1:");
        assertThat(stack.commandApi().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.queryApi().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.schemaRegistryUrl().getScheme()).isEqualTo("http");
    }

    @Test
    void restartingAnUnknownPartIsAnError() {
        assertThatThrownBy(() -> stack.restart("no-such-part")).isInstanceOf(IllegalArgumentException.class);
    }
}
