package io.lucid.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.kit.problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an admin may ask {@code POST /api/v1/auth/tokens} for. */
class TokenRequestRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "AUDITOR"})
    void issuesOperatorAndAuditorTokens(String role) {
        assertThat(TokenRequestRules.violations(new IssueTokenRequest(role, "ops@example.org", null, 3600L))).isEmpty();
    }

    @Test
    void aNodeTokenNamesItsNode() {
        assertThat(TokenRequestRules.violations(new IssueTokenRequest("NODE", "agent", "node_alpha_01", null))).isEmpty();
        assertThat(fields(new IssueTokenRequest("NODE", "agent", null, null))).containsExactly("node_id");
        assertThat(fields(new IssueTokenRequest("NODE", "agent", "alpha", null))).containsExactly("node_id");
        assertThat(fields(new IssueTokenRequest("OPERATOR", "op", "node_alpha_01", null))).containsExactly("node_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "DEVICE", "operator", "ROOT", ""})
    void neverIssuesOtherRoles(String role) {
        assertThat(fields(new IssueTokenRequest(role, "x", null, null))).containsExactly("role");
    }

    @Test
    void boundsTheLifetimeAndNamesEveryBrokenField() {
        assertThat(fields(new IssueTokenRequest(null, null, null, 59L))).containsExactly("role", "subject", "ttl_seconds");
        assertThat(fields(new IssueTokenRequest("AUDITOR", "a b", null, 30L * 24 * 3600 + 1))).containsExactly("subject", "ttl_seconds");
    }

    private static List<String> fields(IssueTokenRequest request) {
        return TokenRequestRules.violations(request).stream().map(FieldError::field).toList();
    }
}
