package io.lucid.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The container test stack, when it is selected ({@code -Dlucid.test.stack=containers}): its PostgreSQL decodes
 * logically, its registry answers the Confluent API, and the services run against them. Where no Docker engine is,
 * every test here is reported as skipped with Testcontainers' reason, as every other IT then is.
 */
class ContainerTestStackIT {

    /** Per test, so that each one reports the skip and its reason. */
    private final TestStack stack = containers();

    private static TestStack containers() {
        if (!TestStacks.kind(System.getProperty(TestStacks.PROPERTY), System.getenv(TestStacks.VARIABLE))
                .equals(TestStacks.CONTAINERS)) {
            // On the default run too, say whether this machine could run the container stack, and why not.
            Optional<String> absence = ContainerTestStack.dockerAbsence();
            assumeTrue(absence.isEmpty(), () -> absence.get() + " (where there is one, -Dlucid.test.stack=containers"
                    + " runs the suite on containers)");
            assumeTrue(false, "the embedded stack is selected (-Dlucid.test.stack=containers runs this)");
        }
        TestStack stack = TestStacks.get();
        assertThat(stack).isInstanceOf(ContainerTestStack.class);
        return stack;
    }

    @Test
    void postgresDecodesLogically() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
                ResultSet rs = c.createStatement().executeQuery("SHOW wal_level")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void theRegistryAndTheServicesAnswer() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(get(http, stack.schemaRegistryUrl().resolve("/subjects")).statusCode()).isEqualTo(200);
        assertThat(get(http, stack.commandApi().resolve("/health")).statusCode()).isEqualTo(200);
        assertThat(get(http, stack.queryApi().resolve("/health")).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
