package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop a RUNNING server; with clients connected only when forced, which disconnects them first. */
public record StopRdpServerCommand(@TargetAggregateIdentifier String serverId, boolean force) {
}
