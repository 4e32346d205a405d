package io.lucid.command.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Body of {@code POST /api/v1/auth/tokens} (ADMIN).
 *
 * @param role       OPERATOR, NODE or AUDITOR
 * @param subject    the token's {@code sub}: who acts with it (recorded as the actor of its commands)
 * @param nodeId     required for, and only for, a NODE token: the node it speaks for
 * @param ttlSeconds lifetime, 60 s to 30 days (default 24 h)
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record IssueTokenRequest(@Nullable String role, @Nullable String subject, @Nullable String nodeId,
        @Nullable Long ttlSeconds) {
}
