package io.lucid.command.pairing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Pairing configuration ({@code lucid.pairing.*}, each settable from the environment).
 *
 * @param expiry             default time a pairing stays open: 1-15 minutes ({@code LUCID_PAIRING_EXPIRY}, 5m)
 * @param maxFailedAttempts  wrong tokens that lock a pairing (5)
 * @param deviceTokenTtl     lifetime of a device token (24h)
 * @param websocketUrl       the query-api WebSocket a device connects to ({@code LUCID_PUBLIC_WS_URL})
 * @param sweepInterval      how often the expiry sweep runs (5s)
 */
@ConfigurationProperties("lucid.pairing")
public record PairingSettings(
        @Bindable(defaultValue = "5m") Duration expiry,
        @Bindable(defaultValue = "5") int maxFailedAttempts,
        @Bindable(defaultValue = "24h") Duration deviceTokenTtl,
        @Bindable(defaultValue = "ws://127.0.0.1:8082/ws") String websocketUrl,
        @Bindable(defaultValue = "5s") Duration sweepInterval) {

    static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    static final Duration MAX_EXPIRY = Duration.ofMinutes(15);

    public PairingSettings {
        if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("lucid.pairing.expiry must be between 1 and 15 minutes, was " + expiry);
        }
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("lucid.pairing.max-failed-attempts must be at least 1");
        }
    }

    /** The defaults of DOMAIN.md section 1, for tests. */
    public static PairingSettings defaults() {
        return new PairingSettings(Duration.ofMinutes(5), 5, Duration.ofHours(24), "ws://127.0.0.1:8082/ws",
                Duration.ofSeconds(5));
    }
}
