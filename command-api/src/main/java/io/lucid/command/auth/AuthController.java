package io.lucid.command.auth;

import io.lucid.command.pairing.DeviceTokenResponse;
import io.lucid.command.pairing.RefreshDeviceTokenCommand;
import io.lucid.command.pairing.TokenRefreshed;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.command.idempotency.Redaction;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.security.TokenIssuer;
import io.lucid.command.web.Commands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.lucid.kit.problem.Problem;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens over REST: a device refreshes its token (recorded as {@code DeviceTokenRefreshed}); an admin issues
 * OPERATOR, NODE and AUDITOR tokens (no aggregate owns those: the issue is logged with its id, never the token).
 */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
public class AuthController {

    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    private final Commands commands;
    private final TokenIssuer tokens;
    private final Clock clock;

    AuthController(Commands commands, TokenIssuer tokens, Clock clock) {
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Operation(summary = "Exchange a valid, unrevoked device token for a new one (24 h)")
    @ApiResponse(responseCode = "200", description = "A new device token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceTokenResponse.class)))
    @ApiResponse(responseCode = "401", description = "No, bad or revoked token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Not a device token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/refresh", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.DEVICE)
    public HttpResponse<DeviceTokenResponse> refresh(HttpRequest<?> request, Authentication authentication, Principal principal) {
        String previousTokenId = authentication.getAttributes().get("jti") instanceof String jti ? jti : "";
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        TokenRefreshed refreshed = commands.send(new RefreshDeviceTokenCommand(principal.subject(), previousTokenId,
                UUID.randomUUID().toString()), provenance, principal);
        String token = tokens.issue(refreshed.deviceId(), Roles.DEVICE, null, refreshed.tokenId(), refreshed.expiresAt());
        DeviceTokenResponse answer = new DeviceTokenResponse(refreshed.deviceId(), null, null, null, token, "Bearer",
                refreshed.expiresAt().toString(), provenance.correlationId());
        return Redaction.withhold(HttpResponse.ok(answer), answer.withoutToken(), "access_token")
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    @Operation(summary = "Issue an OPERATOR, NODE or AUDITOR token (ADMIN)")
    @ApiResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedToken.class)))
    @ApiResponse(responseCode = "401", description = "No or bad token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "Role, subject, node_id or ttl_seconds invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/tokens", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    public HttpResponse<IssuedToken> issue(@Body IssueTokenRequest body, HttpRequest<?> request, Principal principal) {
        List<FieldError> violations = TokenRequestRules.violations(body);
        if (!violations.isEmpty()) {
            throw CommandRejectedException.invalid(violations);
        }
        long ttl = body.ttlSeconds() == null ? TokenRequestRules.DEFAULT_TTL_SECONDS : body.ttlSeconds();
        Instant expiresAt = clock.instant().plusSeconds(ttl);
        String tokenId = UUID.randomUUID().toString();
        String token = tokens.issue(body.subject(), body.role(), body.nodeId(), tokenId, expiresAt);
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        LOG.info("Token {} issued: role {}, subject {}, node {}, expires {}, by {} (correlation {})", tokenId, body.role(),
                body.subject(), body.nodeId(), expiresAt, principal.subject(), provenance.correlationId());
        IssuedToken answer = new IssuedToken(token, "Bearer", tokenId, body.role(), body.subject(), body.nodeId(),
                expiresAt.toString());
        return Redaction.withhold(HttpResponse.created(answer),
                        new IssuedToken(null, "Bearer", tokenId, body.role(), body.subject(), body.nodeId(), expiresAt.toString()),
                        "access_token")
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    /** An issued token and what it says. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record IssuedToken(@Nullable String accessToken, String tokenType, String tokenId, String role, String subject,
            @Nullable String nodeId, String expiresAt) {
    }
}
