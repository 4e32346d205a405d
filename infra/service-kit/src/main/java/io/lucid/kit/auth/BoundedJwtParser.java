package io.lucid.kit.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Primary;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Optional;

/**
 * The parser both of Micronaut's JWT validators use (HTTP bearer tokens, and query-api's WebSocket tokens through
 * the same validator): it refuses, as not a token at all, anything longer than {@link TokenRules#MAX_TOKEN_CHARS}
 * and anything but a signed JWT whose header names {@link TokenRules#ALGORITHM}. Micronaut's secret signature
 * verifies any HMAC algorithm with the secret, so without this HS384/HS512 tokens would pass.
 */
@Singleton
@Primary // over Micronaut's own parser, which accepts any algorithm and any size
public final class BoundedJwtParser implements JsonWebTokenParser<JWT> {

    @Override
    public Optional<JWT> parse(String token) {
        if (token == null || token.length() > TokenRules.MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            JWT jwt = JWTParser.parse(token);
            return jwt instanceof SignedJWT signed && TokenRules.ALGORITHM.equals(signed.getHeader().getAlgorithm())
                    ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Claims> parseClaims(String token) {
        return parse(token).flatMap(jwt -> {
            try {
                return Optional.of(new JwtClaimsSetAdapter(jwt.getJWTClaimsSet()));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }
}
