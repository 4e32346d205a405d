package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create an RDP server and give it a port. The id is chosen by the service (a random UUID), the owner is the caller.
 *
 * @param serverId the new server's id
 * @param request  the client's settings, validated by {@link RdpServerRules}
 */
public record CreateRdpServerCommand(@TargetAggregateIdentifier String serverId, CreateRdpServerRequest request) {
}
