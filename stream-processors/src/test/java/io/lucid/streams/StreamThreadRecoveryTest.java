package io.lucid.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {

    private Instant now = Instant.parse("2026-12-02T08:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void aDeadThreadIsReplacedUpToTheBudgetThenTheClientStops() {
        StreamThreadRecovery recovery = new StreamThreadRecovery("poot", clock);
        for (int i = 0; i < StreamThreadRecovery.BUDGET; i++) {
            assertThat(recovery.handle(new InvalidTxnStateException("coordinator moved")))
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now = now.plusSeconds(1);
        }
        assertThat(recovery.handle(new IllegalStateException("a defect that comes back at once")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        StreamThreadRecovery recovery = new StreamThreadRecovery("pools", clock);
        for (int i = 0; i < StreamThreadRecovery.BUDGET; i++) {
            recovery.handle(new InvalidTxnStateException("coordinator moved"));
        }
        now = now.plus(StreamThreadRecovery.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(recovery.handle(new InvalidTxnStateException("a broker failed over again")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
