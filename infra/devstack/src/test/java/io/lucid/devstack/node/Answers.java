package io.lucid.devstack.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import java.util.List;

/** The assertions the node, proof and payout integration tests make about command-api's answers. */
public final class Answers {

    private Answers() {
    }

    /** A problem+json answer with this status and code, and no stack trace in it. */
    public static void expectProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    public static void neverAServerError(List<Answer> answers) {
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isBetween(200, 499);
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        });
    }

    /**
     * Every accepted command stores at most one event, so "no rejection stored anything" means: the events added are
     * at most the accepted answers (a fuzzed body may happen to be valid, e.g. 1.5 read as 1).
     */
    public static void rejectionsStoredNothing(List<Answer> answers, long storedBefore, long storedAfter) {
        long accepted = answers.stream().filter(a -> a.status() < 300).count();
        assertThat(storedAfter - storedBefore).as("events added, with %d accepted answers", accepted).isLessThanOrEqualTo(accepted);
    }

    /** Path ids that name nothing: malformed, too long, encoded control and path characters. */
    public static List<String> strangeIds() {
        return List.of("x", "node_", "node_" + "a".repeat(300), "node_%00abc", "node_..%2F..%2Fetc", "node_%E2%98%83snow",
                "%20", "node_alpha_01%3Bdrop", "payout_1_node_" + "b".repeat(200), "1", "-1");
    }
}
