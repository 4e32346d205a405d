package io.lucid.query.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start with a JWT secret shorter than 32 bytes: HS256 needs 256 bits, and a short secret would
 * otherwise only show up as every token being rejected.
 */
@Context
public final class JwtSecretCheck {

    static final int MIN_BYTES = 32;

    public JwtSecretCheck(
            @Property(name = "micronaut.security.token.jwt.signatures.secret.validation.secret") String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException("LUCID_JWT_SECRET must be at least " + MIN_BYTES + " bytes");
        }
    }
}
