package io.lucid.command.pairing;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.kit.auth.RevokedSubjects;
import io.lucid.command.security.Roles;
import io.lucid.command.web.Commands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.lucid.kit.problem.Problem;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Device commands over REST: revocation, by an operator or by the device itself. */
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "pairing")
public class DeviceController {

    private final Commands commands;
    private final RevokedSubjects revokedSubjects;

    DeviceController(Commands commands, RevokedSubjects revokedSubjects) {
        this.commands = commands;
        this.revokedSubjects = revokedSubjects;
    }

    @Operation(summary = "Revoke a device", description = "Its tokens stop working on both APIs within a second.")
    @ApiResponse(responseCode = "200", description = "Revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Revoked.class)))
    @ApiResponse(responseCode = "401", description = "No or bad token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Not this device, an operator or an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such device",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Already revoked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "reason too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post(value = "/{id}/revoke", produces = MediaType.APPLICATION_JSON)
    @Secured({Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE})
    public HttpResponse<Revoked> revoke(@PathVariable String id, @Body @Nullable RevokeDeviceRequest body,
            HttpRequest<?> request, Principal principal) {
        principal.requireDevice(id);
        if (!PairingRules.isUuid(id)) {
            throw new CommandRejectedException(404, "not_found", "no such device");
        }
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        commands.send(new RevokeDeviceCommand(id, body == null ? null : body.reason()), provenance, principal);
        // This instance refuses the device's tokens at once; the others within one poll of the revocation list.
        revokedSubjects.remember(id);
        return HttpResponse.ok(new Revoked(id, "REVOKED", provenance.correlationId()))
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    /** What a client learns when the revocation is stored. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Revoked(String deviceId, String status, String correlationId) {
    }
}
