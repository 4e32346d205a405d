package io.lucid.command.rdp;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.validation.Uuids;
import io.lucid.command.web.Commands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * RDP server commands over REST (DOMAIN.md section 8): maps HTTP to a command and the outcome back to HTTP.
 * OPERATOR and ADMIN only, except the host agent's status report, which a NODE token may send for a server on its
 * own node (checked by the {@link RdpServer}, which knows the node). Health telemetry is not here.
 */
@Controller("/api/v1/rdp-servers")
@Tag(name = "rdp-servers", description = "RDP servers on nodes: ports, start, status reports, clients, stop, delete (DOMAIN.md section 3)")
@Secured({Roles.ADMIN, Roles.OPERATOR})
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
public class RdpServerController {

    private static final String BASE = "/api/v1/rdp-servers/";

    private final Commands commands;

    RdpServerController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Create an RDP server with the lowest free port (201)")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Accepted> create(@Body CreateRdpServerRequest body, HttpRequest<?> request,
            Authentication authentication) {
        String serverId = UUID.randomUUID().toString();
        Sent<RdpServer.Created> sent = send(new CreateRdpServerCommand(serverId, body), request, authentication);
        RdpServerResponses.Accepted accepted = new RdpServerResponses.Accepted(serverId, RdpServerStatus.CREATED.name(),
                sent.result().port(), sent.correlationId());
        return HttpResponse.created(accepted, URI.create(BASE + serverId)).header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    @Operation(summary = "Request a start: CREATED, STOPPED or FAILED -> STARTING")
    @Post(uri = "/{id}/start", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Accepted> start(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        return accepted(serverId, send(new StartRdpServerCommand(serverId), request, authentication));
    }

    @Operation(summary = "Request a stop of a RUNNING server; force disconnects its clients")
    @Post(uri = "/{id}/stop", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Accepted> stop(@PathVariable String id, @Body @Nullable StopRdpServerRequest body,
            HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        boolean force = body != null && Boolean.TRUE.equals(body.force());
        return accepted(serverId, send(new StopRdpServerCommand(serverId, force), request, authentication));
    }

    @Operation(summary = "Host agent status report: running, failed or stopped (NODE token of the server's node, or OPERATOR)")
    @Post(uri = "/{id}/status", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured({Roles.ADMIN, Roles.OPERATOR, Roles.NODE})
    public HttpResponse<RdpServerResponses.Accepted> status(@PathVariable String id, @Body StatusReportRequest body,
            HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        return accepted(serverId, send(new ReportRdpServerStatusCommand(serverId, body), request, authentication));
    }

    @Operation(summary = "Connect a client to a RUNNING server (at most 10)")
    @Post(uri = "/{id}/connections", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Connected> connect(@PathVariable String id, @Body ConnectClientRequest body,
            HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        String connectionId = UUID.randomUUID().toString();
        Sent<String> sent = send(new ConnectClientCommand(serverId, connectionId, body), request, authentication);
        return HttpResponse.created(new RdpServerResponses.Connected(serverId, connectionId, sent.correlationId()),
                URI.create(BASE + serverId + "/connections/" + connectionId)).header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    @Operation(summary = "Disconnect a client")
    @Delete(uri = "/{id}/connections/{connectionId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Accepted> disconnect(@PathVariable String id, @PathVariable String connectionId,
            HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        String connection = Uuids.canonical(connectionId);
        if (connection == null) {
            throw new CommandRejectedException(404, "connection_not_found", "server " + serverId + " has no such connection");
        }
        return accepted(serverId, send(new DisconnectClientCommand(serverId, connection), request, authentication));
    }

    @Operation(summary = "Delete a server and release its port; force while it may be alive")
    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RdpServerResponses.Accepted> delete(@PathVariable String id, @QueryValue(defaultValue = "false") boolean force,
            HttpRequest<?> request, Authentication authentication) {
        String serverId = serverId(id);
        return accepted(serverId, send(new DeleteRdpServerCommand(serverId, force), request, authentication));
    }

    private HttpResponse<RdpServerResponses.Accepted> accepted(String serverId, Sent<RdpServerStatus> sent) {
        return HttpResponse.ok(new RdpServerResponses.Accepted(serverId, sent.result().name(), null, sent.correlationId()))
                .header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    private <R> Sent<R> send(Object command, HttpRequest<?> request, Authentication authentication) {
        CommandProvenance provenance = CommandProvenance.of(request, authentication);
        try {
            R result = commands.send(command, provenance, Principal.of(authentication));
            return new Sent<>(result, provenance.correlationId());
        } catch (AggregateNotFoundException e) {
            throw notFound();
        }
    }

    private static String serverId(String id) {
        String canonical = Uuids.canonical(id);
        if (canonical == null) {
            throw notFound();
        }
        return canonical;
    }

    private static CommandRejectedException notFound() {
        return new CommandRejectedException(404, "rdp_server_not_found", "there is no such RDP server");
    }

    /** A command's result and the correlation id it was sent under. */
    private record Sent<R>(R result, String correlationId) {
    }
}
