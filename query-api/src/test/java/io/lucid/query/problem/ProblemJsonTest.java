package io.lucid.query.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lucid.kit.auth.TokenMinter;
import io.lucid.kit.auth.TokenRules;
import io.lucid.query.auth.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error leaves as problem+json with a stable code, without a database or Kafka behind the service. */
@MicronautTest
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "micronaut.security.token.jwt.signatures.secret.lucid.secret", value = TestTokens.SECRET)
@Property(name = "datasources.default.url", value = "jdbc:postgresql://127.0.0.1:1/none")
@Property(name = "lucid.kafka-bootstrap", value = "127.0.0.1:1")
@Property(name = "lucid.live-updates", value = "false")
class ProblemJsonTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aRefusedCrossOriginRequestIs403WithAProblemBody() {
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").header("Origin", "null"), HttpStatus.FORBIDDEN,
                "origin_not_allowed");
    }

    @Test
    void aBodyInAnUnknownCharsetIs415() {
        assertProblem(HttpRequest.POST("/api/v1/admin/replays",
                                "{\"projections\":[\"nodes\"]}".getBytes(StandardCharsets.UTF_8))
                        .header("Content-Type", "application/json; charset=nonsense")
                        .bearerAuth(TestTokens.token("admin", List.of("ADMIN"), null)),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }

    @Test
    void noTokenIs401() {
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void aTokenSignedWithAnotherSecretIs401() {
        String forged = TestTokens.sign("another-secret-of-at-least-thirty-two-bytes", "lucid", "admin",
                List.of("ADMIN"), null);
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(forged), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        String foreign = TestTokens.sign(TestTokens.SECRET, "elsewhere", "admin", List.of("ADMIN"), null);
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(foreign), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aTokenWithoutExpiryIs401() {
        String forever = new TokenMinter(TestTokens.SECRET).sign(
                TestTokens.claims("lucid", "admin", List.of("ADMIN"), null).expirationTime(null).build());
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(forever), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aTokenForCommandApiOnlyIs401() {
        String commandOnly = new TokenMinter(TestTokens.SECRET).sign(TestTokens.claims("lucid", "admin",
                List.of("ADMIN"), null).audience(TokenRules.COMMAND_AUDIENCE).build());
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(commandOnly), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aHundredKilobyteTokenIs401Not413() { // 75,000 characters of claims are ~100 KB once base64url-encoded
        String huge = new TokenMinter(TestTokens.SECRET).sign(TestTokens.claims("lucid", "admin", List.of("ADMIN"),
                null).claim("padding", "x".repeat(75_000)).build());
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(huge), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aDeviceReadingANodeIs403() {
        String device = TestTokens.token("d1", List.of("DEVICE"), null);
        assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(device), HttpStatus.FORBIDDEN,
                "forbidden");
    }

    @Test
    void anUnknownRouteIs404() {
        String admin = TestTokens.token("admin", List.of("ADMIN"), null);
        assertProblem(HttpRequest.GET("/api/v1/nope").bearerAuth(admin), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void anUnreachableReadModelIs503WithoutInternals() {
        String admin = TestTokens.token("admin", List.of("ADMIN"), null);
        String body = assertProblem(HttpRequest.GET("/api/v1/nodes/node_abc123").bearerAuth(admin),
                HttpStatus.SERVICE_UNAVAILABLE, "read_model_unavailable");
        assertThat(body).doesNotContain("Hikari", "Exception", "jdbc");
    }

    @Test
    void healthIsAnonymousAndDownWithoutDatabaseAndKafka() {
        HttpClientResponseException error = catchResponse(HttpRequest.GET("/health"));

        assertThat(error.getStatus().getCode()).isEqualTo(503);
        assertThat(error.getResponse().getBody(String.class)).contains("{\"status\":\"DOWN\"}");
    }

    private String assertProblem(HttpRequest<?> request, HttpStatus status, String code) {
        HttpClientResponseException error = catchResponse(request);
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertThat(error.getStatus().getCode()).isEqualTo(status.getCode());
        assertThat(error.getResponse().getContentType()).contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
        assertThat(body).contains("\"type\":\"urn:lucid:problem:" + code + "\"", "\"status\":" + status.getCode(),
                "\"code\":\"" + code + "\"", "\"title\":", "\"detail\":", "\"errors\":[]");
        return body;
    }

    private HttpClientResponseException catchResponse(HttpRequest<?> request) {
        Throwable thrown = catchThrowable(() -> client.toBlocking().exchange(request, String.class));
        assertThat(thrown).isInstanceOf(HttpClientResponseException.class);
        return (HttpClientResponseException) thrown;
    }
}
