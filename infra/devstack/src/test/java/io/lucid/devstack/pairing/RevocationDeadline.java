package io.lucid.devstack.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * The documented bound on a revocation: a revoked device's tokens stop working on both APIs within one second. The
 * other instance learns of it from its poll of the revocation list, so "at once" is not promised: a read model can
 * show the device revoked a moment before query-api refuses its token.
 */
final class RevocationDeadline {

    static final Duration WITHIN = Duration.ofSeconds(1);

    /** The HTTP status of one request made with the revoked token. */
    @FunctionalInterface
    interface StatusProbe {
        int status() throws Exception;
    }

    private RevocationDeadline() {
    }

    /**
     * Probes until 401; fails on any other answer to a request sent after the bound. A first probe that starts late
     * and gets 401 proves nothing about the bound, and passes: the tests that measure the bound probe from the start.
     */
    static void awaitUnauthorized(StatusProbe probe, long revokedAtNanos, String what) throws Exception {
        while (true) {
            Duration sentAfter = Duration.ofNanos(System.nanoTime() - revokedAtNanos);
            int status = probe.status();
            if (status == 401) {
                return;
            }
            assertThat(sentAfter).as(what + ": still " + status + " for a request sent after").isLessThanOrEqualTo(WITHIN);
            Thread.sleep(20);
        }
    }
}
