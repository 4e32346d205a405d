package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End one client connection. */
public record DisconnectClientCommand(@TargetAggregateIdentifier String serverId, String connectionId) {
}
