package io.lucid.command.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Serves the OpenAPI document that micronaut-openapi generates from the controllers at compile time: the YAML at
 * {@code /openapi} and a Swagger UI at {@code /openapi/ui/} (its assets are in our jar, so it works offline).
 * Anonymous, like any API description.
 */
@Controller("/openapi")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@OpenAPIDefinition(
        info = @Info(title = "Lucid command-api", version = "v1",
                description = "Commands of the Lucid backbone: one POST per command, JSON in snake_case, "
                        + "problem+json errors with a stable code, Idempotency-Key on every POST."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ApiDocsController {

    static final String DOCUMENT = "classpath:META-INF/swagger/lucid-command-api.yml";
    static final MediaType YAML = MediaType.of("application/yaml");

    private final ResourceResolver resources;

    ApiDocsController(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get(produces = "application/yaml")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> document() throws IOException {
        return file();
    }

    /** The same document under its file name, where the UI looks for it. */
    @Get(value = "/lucid-command-api.yml", produces = "application/yaml")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> file() throws IOException {
        Optional<InputStream> stream = resources.getResourceAsStream(DOCUMENT);
        if (stream.isEmpty()) {
            return HttpResponse.notFound();
        }
        try (InputStream in = stream.get()) {
            return HttpResponse.ok(in.readAllBytes()).contentType(YAML);
        }
    }

    /** {@code /openapi/ui} without the slash: the UI's relative asset paths need the directory form. */
    @Get("/ui")
    public HttpResponse<?> ui() {
        return HttpResponse.redirect(URI.create("/openapi/ui/index.html"));
    }
}
