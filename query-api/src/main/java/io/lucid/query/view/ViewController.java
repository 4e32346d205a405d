package io.lucid.query.view;

import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Callers;
import io.lucid.kit.problem.ProblemException;
import io.lucid.schemas.position.Position;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/...}: every read of every view, routed by the read models' declarations
 * ({@link ViewCatalogue}). A thin adapter: decodes the path, applies read-your-writes and conditional requests, and
 * hands the rest to {@link ViewReads}.
 */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ViewController {

    private static final String API_PREFIX = "/api/v1/";

    private final ViewCatalogue catalogue;
    private final ViewReads reads;
    private final ReadYourWrites readYourWrites;

    public ViewController(ViewCatalogue catalogue, ViewReads reads, ReadYourWrites readYourWrites) {
        this.catalogue = catalogue;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
    }

    @Get(uri = "/{+path}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> read(@PathVariable("path") String path, HttpRequest<?> request,
            Authentication authentication) {
        // The raw path is decoded here, segment by segment: the bound variable has lost the escaped slashes.
        ViewCatalogue.Route route = catalogue.resolve(segments(request.getUri().getRawPath()))
                .orElseThrow(() -> ProblemException.notFound("not_found", "No such resource."));
        Caller caller = Callers.from(authentication);
        awaitPosition(request, route);
        ViewReads.Answer answer = route instanceof ViewCatalogue.Entity entity
                ? reads.entity(entity, caller)
                : reads.page((ViewCatalogue.Page) route, queryOf(request), caller);
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, answer.etag())) {
            return HttpResponse.<String>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, answer.etag());
        }
        return HttpResponse.ok(answer.json()).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, answer.etag());
    }

    /** With a position (header or parameter), the read waits until the view has applied it. */
    private void awaitPosition(HttpRequest<?> request, ViewCatalogue.Route route) {
        String token = request.getHeaders().get(Position.HEADER);
        if (token == null) {
            token = request.getParameters().get(ViewReads.POSITION);
        }
        if (token == null) {
            return;
        }
        Position position = Position.decode(token)
                .filter(p -> p.entries().stream().allMatch(e -> printable(e.aggregateId()) && printable(e.topic())))
                .orElseThrow(() -> BadParameter.of(ViewReads.POSITION, "not a position returned by command-api"));
        if (!readYourWrites.await(position, catalogue.modelOf(route.view()))) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), "not_yet_consistent",
                    "The view has not applied that position yet; retry shortly.").retryAfterSeconds(1);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> queryOf(HttpRequest<?> request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : request.getParameters().names()) {
            query.put(name, request.getParameters().getAll(name));
        }
        return query;
    }

    /** The percent-decoded segments after {@code /api/v1/}; malformed escapes or UTF-8 are the client's 400. */
    static List<String> segments(String rawPath) {
        String rest = rawPath.startsWith(API_PREFIX) ? rawPath.substring(API_PREFIX.length()) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/", -1)) {
            segments.add(percentDecode(segment));
        }
        return segments;
    }

    private static String percentDecode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || Character.digit(segment.charAt(i + 1), 16) < 0
                        || Character.digit(segment.charAt(i + 2), 16) < 0) {
                    throw BadParameter.of("path", "malformed percent-encoding");
                }
                bytes.write(Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw BadParameter.of("path", "not UTF-8");
        }
    }

    private static boolean printable(String value) {
        return value.chars().noneMatch(Character::isISOControl);
    }
}
