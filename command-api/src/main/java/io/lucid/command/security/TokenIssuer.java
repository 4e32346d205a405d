package io.lucid.command.security;

import io.lucid.kit.auth.JwtSecretCheck;
import io.lucid.kit.auth.TokenMinter;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Signs the bearer tokens command-api hands out (device tokens, refreshed device tokens, tokens an admin issues)
 * with the kit's {@link TokenMinter}: HS256 with the secret both APIs validate with, and the audiences of both
 * APIs, since a device or node writes here and reads on query-api.
 */
@Singleton
public final class TokenIssuer {

    private final TokenMinter minter;
    private final Clock clock;

    TokenIssuer(@Property(name = JwtSecretCheck.SECRET_PROPERTY) String secret, Clock clock) {
        this.minter = new TokenMinter(secret);
        this.clock = clock;
    }

    /** A signed token for {@code subject} with one role, expiring at {@code expiresAt}. */
    public String issue(String subject, String role, @Nullable String nodeId, String tokenId, Instant expiresAt) {
        return minter.mint(subject, List.of(role), nodeId, tokenId, clock.instant(), expiresAt);
    }
}
