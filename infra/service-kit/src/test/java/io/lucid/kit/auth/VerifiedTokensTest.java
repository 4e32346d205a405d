package io.lucid.kit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWT;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** A remembered token answers like a verified one: refused once expired or revoked; refused tokens are never kept. */
class VerifiedTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";
    private final Instant issued = Instant.parse("2026-12-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(issued);
    private final Set<String> revokedSubjects = new java.util.HashSet<>();
    private final RevokedSubjects revoked = new RevokedSubjects(new JdbcConnections() {
        @Override
        public <R> R run(Work<R> work) {
            throw new IllegalStateException("not used");
        }
    }) {
        @Override
        public boolean isRevoked(String subject) {
            return revokedSubjects.contains(subject);
        }
    };
    private final CountingValidator delegate = new CountingValidator();
    private final VerifiedTokens<Object> tokens = new VerifiedTokens<>(delegate, revoked, clock);
    private final String token = new TokenMinter(SECRET).mint("device-1", List.of("DEVICE"), null, "jti-1", issued,
            issued.plus(Duration.ofMinutes(10)));

    @Test
    void verifiesATokenOnceWhileItIsValid() {
        assertThat(first(tokens.validateToken(token, null))).isNotNull();
        assertThat(first(tokens.validateToken(token, null)).getName()).isEqualTo("device-1");
        assertThat(delegate.calls.get()).isEqualTo(1);
    }

    @Test
    void refusesARememberedTokenOnceItsSubjectIsRevoked() {
        first(tokens.validateToken(token, null));
        revokedSubjects.add("device-1");
        assertThat(first(tokens.validateToken(token, null))).isNull();
    }

    @Test
    void refusesARememberedTokenOnceItExpires() {
        first(tokens.validateToken(token, null));
        clock.now = issued.plus(Duration.ofMinutes(10));
        delegate.accept = false;
        assertThat(first(tokens.validateToken(token, null))).isNull();
        assertThat(first(tokens.validateToken(token, null))).as("asks the validator again, which refuses it").isNull();
        assertThat(delegate.calls.get()).isEqualTo(2);
    }

    @Test
    void neverRemembersARefusedToken() {
        delegate.accept = false;
        assertThat(first(tokens.validateToken(token, null))).isNull();
        delegate.accept = true;
        assertThat(first(tokens.validateToken(token, null))).isNotNull();
        assertThat(delegate.calls.get()).isEqualTo(2);
    }

    @Test
    void staysBounded() {
        TokenMinter minter = new TokenMinter(SECRET);
        for (int i = 0; i <= VerifiedTokens.MAX_TOKENS; i++) {
            first(tokens.validateToken(minter.mint("s" + i, List.of("NODE"), null, "j" + i, issued,
                    issued.plus(Duration.ofMinutes(10))), null));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_TOKENS);
    }

    private static Authentication first(Publisher<Authentication> publisher) {
        List<Authentication> items = new ArrayList<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Authentication item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        return items.isEmpty() ? null : items.get(0);
    }

    /** Stands for Micronaut's validator (signature and claim rules are TokenRulesTest's subject). */
    private static final class CountingValidator implements ReactiveJsonWebTokenValidator<JWT, Object> {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean accept = true;

        @Override
        public Publisher<Authentication> validateToken(String token, Object request) {
            calls.incrementAndGet();
            return accept ? io.micronaut.core.async.publisher.Publishers.just(Authentication.build("device-1",
                    List.of("DEVICE"), Map.of())) : io.micronaut.core.async.publisher.Publishers.empty();
        }

        @Override
        public Publisher<JWT> validate(String token, Object request) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
