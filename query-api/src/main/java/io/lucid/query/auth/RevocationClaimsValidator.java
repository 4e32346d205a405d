package io.lucid.query.auth;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses tokens of revoked subjects, for HTTP bearer tokens and for the tokens of the WebSocket protocol alike
 * ({@link JwtTokenVerifier} runs the same validators).
 */
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
