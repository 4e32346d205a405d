package io.lucid.kit.auth;

import io.micronaut.context.annotation.Property;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies {@link TokenRules} to every token this service verifies: this API's audience
 * ({@code lucid.security.audience}), a required expiry, no start in the future, the issuer, and a subject that is
 * not revoked. Micronaut's own validators let a token without {@code exp} live forever and ignore {@code aud}.
 */
@Singleton
public final class TokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    public static final String AUDIENCE_PROPERTY = "lucid.security.audience";

    private final String audience;
    private final RevokedSubjects revoked;
    private final Clock clock;

    @Inject
    TokenClaimsValidator(@Property(name = AUDIENCE_PROPERTY) String audience, RevokedSubjects revoked) {
        this(audience, revoked, Clock.systemUTC());
    }

    TokenClaimsValidator(String audience, RevokedSubjects revoked, Clock clock) {
        this.audience = audience;
        this.revoked = revoked;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Instant now = clock.instant();
        Object subject = claims.get(Claims.SUBJECT);
        return !(subject instanceof String s && revoked.isRevoked(s))
                && TokenRules.acceptsClaims(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims), audience, now);
    }
}
