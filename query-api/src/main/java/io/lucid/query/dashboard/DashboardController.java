package io.lucid.query.dashboard;

import io.lucid.schemas.poot.PootTimeBase;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The web dashboard: its page at {@code /} and its settings at {@code /dashboard-config.json}; the page's scripts and
 * styles are static resources under {@code /dashboard/}. Everything the page shows comes from the public REST and
 * WebSocket APIs with the token its user gives; this controller hands out no data of its own.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class DashboardController {

    static final String PAGE = "classpath:dashboard/index.html";

    private final String page;
    private final DashboardSettings settings;
    private final DashboardConfig.TimeBase timeBase;
    private final String contentSecurityPolicy;

    DashboardController(ResourceResolver resources, DashboardSettings settings) {
        this.page = read(resources);
        this.settings = settings;
        // The same variables and parser as command-api and the stream processors: the page counts slots as they do.
        PootTimeBase base = PootTimeBase.fromEnvironment(System.getenv());
        this.timeBase = new DashboardConfig.TimeBase(base.genesis().toString(), base.slotSeconds(), base.slotsPerEpoch());
        this.contentSecurityPolicy = contentSecurityPolicy(settings.commandApiUrl());
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        return HttpResponse.ok(page).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", contentSecurityPolicy);
    }

    /** Browsers ask for it whatever the page declares; an empty answer instead of a 404 in every console. */
    @Get("/favicon.ico")
    public HttpResponse<Void> favicon() {
        return HttpResponse.noContent();
    }

    @Get(value = "/dashboard-config.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<DashboardConfig> config(HttpRequest<?> request) {
        String token = settings.devToken() != null && isLoopback(request.getRemoteAddress(), request.getHeaders()) ? settings.devToken() : null;
        // no-store: the answer may carry a token, which no cache may keep.
        return HttpResponse.ok(new DashboardConfig(settings.commandApiUrl(), timeBase, token))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /**
     * The prefilled token goes to callers on this machine only: a development stack exposed on another interface
     * ({@code LUCID_QUERY_HOST=0.0.0.0}) must not hand an operator token to the network.
     */
    static boolean isLoopback(InetSocketAddress remote, HttpHeaders headers) {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
                && !headers.contains("X-Forwarded-For") && !headers.contains("Forwarded");
    }

    /**
     * The page runs only its own script, shows the QR code as a data URL, and talks to this origin (REST and the
     * WebSocket) and to command-api: a script injected through a row's text could reach nothing else.
     */
    static String contentSecurityPolicy(String commandApiUrl) {
        String commandOrigin = URI.create(commandApiUrl).resolve("/").toString().replaceAll("/$", "");
        return "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "connect-src 'self' " + commandOrigin + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static String read(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream(PAGE)
                .orElseThrow(() -> new IllegalStateException("the dashboard page is missing: " + PAGE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }
}
