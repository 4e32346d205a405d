package io.lucid.kit.health;

import io.lucid.kit.auth.RevokedSubjects;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Makes {@code /health} DOWN until the revoked token subjects have been read once: before that a revoked device's
 * token would be accepted, so no traffic should reach the service (and the embedded stack waits for it).
 */
@Singleton
public final class RevocationHealthIndicator implements HealthIndicator {

    static final String NAME = "revocations";

    private final RevokedSubjects revoked;

    RevocationHealthIndicator(RevokedSubjects revoked) {
        this.revoked = revoked;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder(NAME, revoked.isLoaded() ? HealthStatus.UP : HealthStatus.DOWN).build());
    }
}
