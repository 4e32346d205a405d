package io.lucid.kit.auth;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Puts {@link VerifiedTokens} in front of Micronaut's bearer-token validator as the application context creates it,
 * so the HTTP security filter of both APIs asks the remembered tokens first. (The validator class itself is not
 * public, so it is wrapped rather than replaced.)
 */
@Singleton
final class VerifiedTokensInstaller implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator<JWT, Object>> {

    private final Provider<RevokedSubjects> revoked;

    VerifiedTokensInstaller(Provider<RevokedSubjects> revoked) {
        this.revoked = revoked;
    }

    @Override
    public ReactiveJsonWebTokenValidator<JWT, Object> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenValidator<JWT, Object>> event) {
        return new VerifiedTokens<>(event.getBean(), revoked.get(), Clock.systemUTC());
    }
}
