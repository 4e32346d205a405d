package io.lucid.query.auth;

import com.nimbusds.jwt.JWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Verifies tokens that arrive outside the Authorization header (WebSocket frames and the {@code ?token=}
 * parameter) with the same validator and claim checks as the HTTP bearer tokens.
 */
@Singleton
public final class JwtTokenVerifier implements TokenVerifier {

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> validator;
    private final JwtAuthenticationFactory authenticationFactory;

    public JwtTokenVerifier(JsonWebTokenValidator<JWT, HttpRequest<?>> validator,
            JwtAuthenticationFactory authenticationFactory) {
        this.validator = validator;
        this.authenticationFactory = authenticationFactory;
    }

    @Override
    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return validator.validate(token, null)
                .flatMap(authenticationFactory::createAuthentication)
                .map(Callers::from);
    }
}
