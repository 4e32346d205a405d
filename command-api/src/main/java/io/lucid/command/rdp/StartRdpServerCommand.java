package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask the host agent to start the server: CREATED, STOPPED or FAILED -> STARTING. */
public record StartRdpServerCommand(@TargetAggregateIdentifier String serverId) {
}
