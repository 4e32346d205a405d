package io.lucid.command.web;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends a command on behalf of a principal: the provenance (actor, correlation id) travels as metadata and ends
 * up on the events; the principal travels as metadata too, so aggregate handlers that check ownership can take
 * a {@link Principal} parameter. Returns the handler's result after the command's transaction committed.
 */
@Singleton
public final class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, CommandProvenance provenance, Principal principal) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(provenance.metaData())
                .andMetaData(principal.metaData()));
    }
}
