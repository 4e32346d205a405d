package io.lucid.command.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets idempotency keys older than the retention, so the table stays small. */
@Singleton
final class IdempotencyPurge {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final JdbcIdempotencyStore store;
    private final IdempotencySettings settings;

    IdempotencyPurge(JdbcIdempotencyStore store, IdempotencySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void purge() {
        try {
            int purged = store.purge(Instant.now().minus(settings.retention()));
            if (purged > 0) {
                LOG.debug("Forgot {} idempotency keys", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot purge idempotency keys: {}", e.getMessage());
        }
    }
}
