package io.lucid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framework's own errors in the one problem shape, with no internals in a server error. */
class ProblemErrorResponseProcessorTest {

    @Test
    void aMalformedBodyIs400MalformedRequestWithTheParsersWords() {
        Problem problem = ProblemErrorResponseProcessor.problem(HttpStatus.BAD_REQUEST,
                List.of(error("Unexpected end of input")));
        assertThat(problem.code()).isEqualTo("malformed_request");
        assertThat(problem.type()).isEqualTo("urn:lucid:problem:malformed_request");
        assertThat(problem.detail()).isEqualTo("Unexpected end of input");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void aServerErrorNamesNoInternals() {
        Problem problem = ProblemErrorResponseProcessor.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                List.of(error("org.postgresql.util.PSQLException: connection refused")));
        assertThat(problem.code()).isEqualTo("internal_error");
        assertThat(problem.detail()).doesNotContain("PSQL");
    }

    private static io.micronaut.http.server.exceptions.response.Error error(String message) {
        return () -> message;
    }
}
