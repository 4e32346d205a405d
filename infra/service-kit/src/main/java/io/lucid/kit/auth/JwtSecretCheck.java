package io.lucid.kit.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start with a signing secret shorter than 32 bytes (HS256 needs 256 bits): a short secret would
 * otherwise only show up as every token being rejected. The embedded stack generates one; anywhere else
 * {@code LUCID_JWT_SECRET} must be set. The secret itself is never logged.
 */
@Context
public final class JwtSecretCheck {

    /** Both APIs configure their one HS256 secret under this name. */
    public static final String SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.lucid.secret";
    static final int MIN_BYTES = 32;

    JwtSecretCheck(@Property(name = SECRET_PROPERTY) String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException("LUCID_JWT_SECRET must be at least " + MIN_BYTES + " bytes");
        }
    }
}
