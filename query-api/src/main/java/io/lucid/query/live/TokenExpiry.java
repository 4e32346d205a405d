package io.lucid.query.live;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * When a token stops being valid, read from its {@code exp} claim once the verifier has accepted it: a live
 * connection holds its right only as long as its token would be accepted over REST.
 */
final class TokenExpiry {

    private TokenExpiry() {
    }

    static Optional<Instant> of(String verifiedToken) {
        try {
            Date exp = JWTParser.parse(verifiedToken).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
