package io.lucid.kit.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.kit.auth.JdbcConnections;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies reach a controller only as exactly one well-formed JSON value, and encoded bodies are refused cleanly. */
@MicronautTest
@Property(name = "spec.name", value = "StrictJsonFilterTest")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "micronaut.application.name", value = "kit-test")
@Property(name = "lucid.security.audience", value = "lucid-test")
@Property(name = "micronaut.security.token.jwt.signatures.secret.lucid.secret", value = "a-test-secret-of-at-least-thirty-two-bytes")
class StrictJsonFilterTest {

    static final List<Echo> RECEIVED = new CopyOnWriteArrayList<>();

    @Inject
    @Client("/")
    HttpClient client;

    @MockBean(JdbcConnections.class)
    JdbcConnections noDatabase() {
        return new JdbcConnections() {
            @Override
            public <R> R run(Work<R> work) {
                throw new IllegalStateException("no database in this test");
            }
        };
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @Test
    void aWellFormedBodyPasses() {
        assertThat(post("{\"name\":\"a\"}").getStatus().getCode()).isEqualTo(200);
        assertThat(RECEIVED).containsExactly(new Echo("a"));
    }

    @Test
    void trailingGarbageIs400AndNeverReachesTheController() {
        assertMalformed("{\"name\":\"a\"} garbage");
        assertMalformed("{\"name\":\"a\"}{\"name\":\"b\"}");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aDuplicateKeyIs400() {
        assertMalformed("{\"name\":\"a\",\"name\":\"b\"}");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aPlainBodyLabelledGzipIs400() {
        HttpClientResponseException e = error(HttpRequest.POST("/api/echo", "{\"name\":\"a\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip"));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"code\":\"malformed_request\"", "Content-Encoding");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aGzipBodyIsDecodedAndRead() throws IOException {
        var response = client.toBlocking().exchange(HttpRequest.POST("/api/echo", gzip("{\"name\":\"z\"}"))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip"), String.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(RECEIVED).containsExactly(new Echo("z"));
    }

    @Test
    void aGzipBodyIsCheckedAfterDecodingToo() throws IOException {
        HttpClientResponseException e = error(HttpRequest.POST("/api/echo", gzip("{\"name\":\"a\"} tail"))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip"));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(RECEIVED).isEmpty();
    }

    private void assertMalformed(String body) {
        HttpClientResponseException e = error(HttpRequest.POST("/api/echo", body).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"code\":\"malformed_request\"");
    }

    private io.micronaut.http.HttpResponse<?> post(String body) {
        return client.toBlocking().exchange(HttpRequest.POST("/api/echo", body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private HttpClientResponseException error(HttpRequest<?> request) {
        try {
            client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Serdeable
    record Echo(String name) {
    }

    @Controller("/api/echo")
    @Requires(property = "spec.name", value = "StrictJsonFilterTest")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class EchoController {
        @Post
        Echo echo(@Body Echo echo) {
            RECEIVED.add(echo);
            return echo;
        }
    }
}
