package io.lucid.command.node;

import io.lucid.command.provenance.CommandProvenance;
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
import java.net.URI;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Node commands over REST: maps HTTP to commands and the outcome back to HTTP, nothing more. */
@Controller("/api/v1/nodes")
@Secured({"ADMIN", "OPERATOR"})
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
public class NodeController {

    private final CommandGateway commands;

    NodeController(CommandGateway commands) {
        this.commands = commands;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Accepted> register(@Body RegisterNodeCommand command, HttpRequest<?> request, Authentication principal) {
        CommandProvenance provenance = CommandProvenance.of(request, principal);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.metaData()));
        return HttpResponse.created(new Accepted(command.nodeId(), NodeStatus.INACTIVE.name(), provenance.correlationId()),
                        URI.create("/api/v1/nodes/" + command.nodeId()))
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    /** What a client learns when its registration is stored. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Accepted(String nodeId, String status, String correlationId) {
    }
}
