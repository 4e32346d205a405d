package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a server and release its port; a server that may be alive (STARTING, RUNNING, STOPPING) only when forced. */
public record DeleteRdpServerCommand(@TargetAggregateIdentifier String serverId, boolean force) {
}
