package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Connect a client to a RUNNING server (at most 10 at once); the connection id is chosen by the service. */
public record ConnectClientCommand(@TargetAggregateIdentifier String serverId, String connectionId, ConnectClientRequest client) {
}
