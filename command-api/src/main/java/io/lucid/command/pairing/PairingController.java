package io.lucid.command.pairing;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.lucid.command.idempotency.Redaction;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.security.TokenIssuer;
import io.lucid.command.web.ClientAddress;
import io.lucid.command.web.Commands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Pairing commands over REST: start (an operator shows the QR code) and complete (the device proves the temporary
 * token; an anonymous route, the token is the credential). Maps HTTP to commands and outcomes back to HTTP.
 */
@Controller("/api/v1/pairings")
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
@Tag(name = "pairing")
public class PairingController {

    static final MediaType PNG = MediaType.IMAGE_PNG_TYPE;

    private final Commands commands;
    private final PairingSettings settings;
    private final TokenIssuer tokens;
    private final ObjectMapper json;
    private final Clock clock;

    PairingController(Commands commands, PairingSettings settings, TokenIssuer tokens, ObjectMapper json, Clock clock) {
        this.commands = commands;
        this.settings = settings;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Start a QR pairing",
            description = "Answers the temporary token once, the QR payload and the QR code (PNG data URL); "
                    + "with Accept: image/png the answer is the PNG itself.")
    @ApiResponse(responseCode = "201", description = "Started: the temporary token (once), QR payload and QR code",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = PairingStartedResponse.class)),
                @Content(mediaType = "image/png")})
    @ApiResponse(responseCode = "401", description = "No or bad token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Not an operator or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "expiry_seconds outside 60-900",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.IMAGE_PNG})
    @Secured({Roles.ADMIN, Roles.OPERATOR})
    public HttpResponse<?> start(@Body @Nullable StartPairingRequest body, HttpRequest<?> request, Principal principal) {
        String pairingId = UUID.randomUUID().toString();
        String tempToken = TempTokens.generate();
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Integer expirySeconds = body == null ? null : body.expirySeconds();
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        commands.send(new StartPairingCommand(pairingId, settings.websocketUrl(), TempTokens.sha256Hex(tempToken), expirySeconds,
                        startedAt),
                provenance, principal);
        int seconds = expirySeconds == null ? (int) settings.expiry().toSeconds() : expirySeconds;
        String expiresAt = startedAt.plusSeconds(seconds).toString();
        QrPayload payload = new QrPayload(pairingId, settings.websocketUrl(), tempToken, startedAt.toString());
        byte[] png = PairingQrCode.png(writeJson(payload));
        // The QR code encodes the temporary token: a replay under the Idempotency-Key gets neither.
        MutableHttpResponse<?> response = wantsPng(request)
                ? Redaction.withhold(HttpResponse.status(HttpStatus.CREATED).contentType(PNG).body(png)
                        .header("X-Pairing-Id", pairingId).header("X-Pairing-Expires-At", expiresAt), null, "qr_code")
                : Redaction.withhold(HttpResponse.created(new PairingStartedResponse(pairingId, settings.websocketUrl(),
                                expiresAt, tempToken, payload, PairingQrCode.dataUrl(png), provenance.correlationId())),
                        new PairingStartedResponse(pairingId, settings.websocketUrl(), expiresAt, null, null, null,
                                provenance.correlationId()), "temp_token", "qr_payload", "qr_code");
        return response.header(HttpHeaders.LOCATION, "/api/v1/pairings/" + pairingId)
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    @Operation(summary = "Complete a pairing with the temporary token",
            description = "Anonymous: the temporary token is the credential. A wrong token answers 401 and is "
                    + "recorded; the 5th locks the pairing (409 from then on). Used: 409. Expired: 410.")
    @ApiResponse(responseCode = "201", description = "Paired: the device and its access token",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeviceTokenResponse.class)))
    @ApiResponse(responseCode = "401", description = "Wrong temporary token (recorded)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Locked or already used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "410", description = "Expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "Invalid device_info",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/{id}/complete", produces = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirements // no bearer token: the temporary token is the credential
    public HttpResponse<?> complete(@PathVariable String id, @Body CompletePairingRequest body, HttpRequest<?> request) {
        if (!PairingRules.isUuid(id)) {
            throw new CommandRejectedException(404, "not_found", "no such pairing");
        }
        if (body.pairingId() != null && !body.pairingId().equals(id)) {
            throw CommandRejectedException.invalid(List.of(new FieldError("pairing_id", "mismatch",
                    "pairing_id must match the pairing in the path")));
        }
        CompletePairingRequest.DeviceInfo info = body.deviceInfo();
        String actor = "pairing:" + id;
        CommandProvenance provenance = CommandProvenance.of(request, actor);
        PairingCompletion outcome = commands.send(new CompletePairingCommand(id, body.tempToken(),
                        info == null ? null : info.name(), info == null ? null : info.platform(), ClientAddress.of(request),
                        UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                provenance, new Principal(actor, Set.of(), null));
        MutableHttpResponse<?> response = outcome instanceof PairingCompletion.Paired paired
                ? paired(paired, provenance)
                : rejected((PairingCompletion.TokenRejected) outcome);
        return response.header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    private MutableHttpResponse<DeviceTokenResponse> paired(PairingCompletion.Paired paired, CommandProvenance provenance) {
        String token = tokens.issue(paired.deviceId(), Roles.DEVICE, null, paired.tokenId(), paired.tokenExpiresAt());
        DeviceTokenResponse answer = new DeviceTokenResponse(paired.deviceId(), paired.name(), paired.platform(),
                paired.pairedAt().toString(), token, "Bearer", paired.tokenExpiresAt().toString(), provenance.correlationId());
        return Redaction.withhold(HttpResponse.created(answer), answer.withoutToken(), "access_token")
                .header(HttpHeaders.LOCATION, "/api/v1/devices/" + paired.deviceId());
    }

    /** 401, yet the failed attempt (and a lock) has been recorded: the one rejection that stores something. */
    private static MutableHttpResponse<Problem> rejected(PairingCompletion.TokenRejected rejected) {
        String detail = rejected.locked()
                ? "wrong temporary token; the pairing is now locked"
                : "wrong temporary token; " + rejected.remainingAttempts() + " attempts left";
        return Problems.response(401, "invalid_pairing_token", detail);
    }

    /** PNG when the client names it (image/png or image/*) before JSON; {@code *}/{@code *} means JSON. */
    static boolean wantsPng(HttpRequest<?> request) {
        for (MediaType type : request.accept()) {
            if (!"*".equals(type.getType()) && type.matches(PNG)) {
                return true;
            }
            if (type.matches(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private String writeJson(QrPayload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the QR payload", e);
        }
    }
}
