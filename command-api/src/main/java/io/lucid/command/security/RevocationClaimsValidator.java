package io.lucid.command.security;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** Rejects, like a bad signature, any token whose subject has been revoked (a revoked device). */
@Singleton
final class RevocationClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private final RevokedSubjects revoked;

    RevocationClaimsValidator(RevokedSubjects revoked) {
        this.revoked = revoked;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Object subject = claims.get(Claims.SUBJECT);
        return !(subject instanceof String s && revoked.isRevoked(s));
    }
}
