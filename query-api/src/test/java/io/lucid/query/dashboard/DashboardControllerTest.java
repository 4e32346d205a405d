package io.lucid.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DashboardControllerTest {

    @Test
    void prefillsTheTokenOnlyForLoopbackCallersWithoutProxyHeaders() {
        HttpHeaders none = HttpRequest.GET("/").getHeaders();
        assertThat(DashboardController.isLoopback(at("127.0.0.1"), none)).isTrue();
        assertThat(DashboardController.isLoopback(at("::1"), none)).isTrue();
        assertThat(DashboardController.isLoopback(at("192.168.1.20"), none)).isFalse();
        assertThat(DashboardController.isLoopback(null, none)).isFalse();
        assertThat(DashboardController.isLoopback(at("127.0.0.1"),
                HttpRequest.GET("/").header("X-Forwarded-For", "203.0.113.9").getHeaders())).isFalse();
        assertThat(DashboardController.isLoopback(at("127.0.0.1"),
                HttpRequest.GET("/").header("Forwarded", "for=203.0.113.9").getHeaders())).isFalse();
    }

    @Test
    void contentSecurityPolicyLetsThePageTalkToItsOriginAndCommandApiOnly() {
        String policy = DashboardController.contentSecurityPolicy("http://127.0.0.1:8080/some/path");
        assertThat(policy).contains("connect-src 'self' http://127.0.0.1:8080;")
                .contains("script-src 'self'").contains("img-src 'self' data:").doesNotContain("unsafe");
    }

    @Test
    void aBlankDevTokenMeansNone() {
        assertThat(new DashboardSettings("http://127.0.0.1:8080", "  ").devToken()).isNull();
        assertThat(new DashboardSettings("http://127.0.0.1:8080", " t ").devToken()).isEqualTo("t");
    }

    private static InetSocketAddress at(String address) {
        return new InetSocketAddress(address, 40000);
    }
}
