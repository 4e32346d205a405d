package io.lucid.query.docs;

import io.lucid.query.view.ViewCatalogue;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/**
 * Serves query-api's OpenAPI document ({@link ApiDocument}, from the view declarations) at {@code /openapi} and a
 * Swagger UI at {@code /openapi/ui/} (assets copied into the jar at build time, no CDN). Anonymous, like any API
 * description.
 */
@Controller("/openapi")
@Secured(SecurityRule.IS_ANONYMOUS)
public class ApiDocsController {

    static final MediaType YAML = MediaType.of("application/yaml");

    private final String document;

    public ApiDocsController(ViewCatalogue catalogue) {
        this.document = ApiDocument.of(catalogue);
    }

    @Get(produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType(YAML);
    }

    /** The same document under the file name the UI loads. */
    @Get(value = "/lucid-query-api.yml", produces = "application/yaml")
    public HttpResponse<String> file() {
        return document();
    }

    /** {@code /openapi/ui} without the slash: the UI's relative asset paths need the directory form. */
    @Get("/ui")
    public HttpResponse<?> ui() {
        return HttpResponse.redirect(URI.create("/openapi/ui/index.html"));
    }
}
