package io.lucid.command.node;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.function.Function;

/**
 * The node lifecycle over REST (DOMAIN.md sections 4 and 8): activate, deactivate, maintenance, hardware and
 * deregistration. Operators and admins only: a NODE token reports about its node (heartbeats, proofs) but does not
 * steer its lifecycle, which decides pool membership and payouts (docs/nodes-proofs-payouts.md).
 */
@Controller("/api/v1/nodes/{id}")
@Secured({Roles.ADMIN, Roles.OPERATOR})
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
public class NodeLifecycleController {

    private final Commands commands;

    NodeLifecycleController(Commands commands) {
        this.commands = commands;
    }

    @Post(uri = "/activate", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> activate(@PathVariable String id, HttpRequest<?> request, Principal principal) {
        return send(id, ActivateNodeCommand::new, request, principal);
    }

    @Post(uri = "/deactivate", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> deactivate(@PathVariable String id, HttpRequest<?> request, Principal principal) {
        return send(id, DeactivateNodeCommand::new, request, principal);
    }

    @Post(uri = "/maintenance/enter", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> enterMaintenance(@PathVariable String id, @Body @Nullable Reason body,
            HttpRequest<?> request, Principal principal) {
        return send(id, nodeId -> new EnterMaintenanceCommand(nodeId, body == null ? null : body.reason()), request, principal);
    }

    @Post(uri = "/maintenance/exit", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> exitMaintenance(@PathVariable String id, HttpRequest<?> request, Principal principal) {
        return send(id, ExitMaintenanceCommand::new, request, principal);
    }

    @Put(uri = "/hardware", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> updateHardware(@PathVariable String id, @Body RegisterNodeCommand.Hardware body,
            HttpRequest<?> request, Principal principal) {
        return send(id, nodeId -> new UpdateNodeHardwareCommand(nodeId, body), request, principal);
    }

    @Delete(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> deregister(@PathVariable String id, @QueryValue @Nullable String reason,
            HttpRequest<?> request, Principal principal) {
        return send(id, nodeId -> new DeregisterNodeCommand(nodeId, reason), request, principal);
    }

    private HttpResponse<Changed> send(String id, Function<String, Object> command, HttpRequest<?> request, Principal principal) {
        if (!NodeRegistrationRules.isNodeId(id)) {
            // Not a node id at all: nothing can be stored under it, so the store is not asked.
            throw new CommandRejectedException(404, "not_found", "no node is registered under the id given");
        }
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        NodeStatus status = commands.send(command.apply(id), provenance, principal);
        return HttpResponse.ok(new Changed(id, status.name(), provenance.correlationId()))
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    /** The optional body of a maintenance request. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Reason(@Nullable String reason) {
    }

    /** What a client learns when a lifecycle command is stored: the node's state from now on. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Changed(String nodeId, String status, String correlationId) {
    }
}
