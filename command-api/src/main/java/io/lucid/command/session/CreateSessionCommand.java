package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a recording session. The id is chosen by the service (a random UUID), the owner is the caller.
 *
 * @param sessionId the new session's id
 * @param request   the client's settings, validated by {@link SessionCreationRules}
 */
public record CreateSessionCommand(@TargetAggregateIdentifier String sessionId, CreateSessionRequest request) {
}
