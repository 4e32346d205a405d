package io.lucid.kit.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;

/**
 * The bearer-token validator of the HTTP APIs, with the tokens it has verified remembered until they expire. A
 * client sends the same token with every request; verifying it again (parse, HMAC, claim rules: about a sixth of a
 * read's CPU in query-api, docs/benchmarks.md "Reads: where the time went") gives the same answer until its
 * {@code exp}, except for a revocation, which is checked on every use exactly as {@link TokenClaimsValidator} checks
 * it. So a remembered token is refused once it expires or its subject is revoked, as a verified one would be; only
 * tokens that passed every rule are remembered, so a refused token is verified (and refused) every time.
 *
 * <p>Bounded: at {@value #MAX_TOKENS} tokens the memory is emptied and refills from the tokens in use. Lives only in
 * this process's memory, like the request that carried the token.
 */
final class VerifiedTokens<R> implements ReactiveJsonWebTokenValidator<JWT, R> {

    static final int MAX_TOKENS = 10_000;

    private record Verified(Authentication authentication, String subject, Instant expires) {
    }

    private final ReactiveJsonWebTokenValidator<JWT, R> delegate;
    private final RevokedSubjects revoked;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, R> delegate, RevokedSubjects revoked, Clock clock) {
        this.delegate = delegate;
        this.revoked = revoked;
        this.clock = clock;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, R request) {
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expires()) && !revoked.isRevoked(known.subject())) {
                return Publishers.just(known.authentication());
            }
            verified.remove(token);
            return Publishers.empty();
        }
        return Publishers.then(delegate.validateToken(token, request), authentication -> remember(token,
                authentication));
    }

    @Override
    public Publisher<JWT> validate(String token, R request) {
        return delegate.validate(token, request);
    }

    @Override
    public int getOrder() {
        return delegate.getOrder();
    }

    /** Remembers a token the delegate accepted, until its expiry (which the claim rules made mandatory). */
    private void remember(String token, Authentication authentication) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || claims.getSubject() == null) {
                return;
            }
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(authentication, claims.getSubject(), expires.toInstant()));
        } catch (ParseException e) {
            // Not remembered: the next request verifies it again.
        }
    }

    int size() {
        return verified.size();
    }
}
