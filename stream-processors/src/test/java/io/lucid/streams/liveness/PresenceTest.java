package io.lucid.streams.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Test
    void timesOutThreeHundredSecondsAfterTheLastReport() {
        Presence p = Presence.initial().start(0).report(10_000);
        assertThat(p.timedOut(309_999, TIMEOUT)).isFalse();
        assertThat(p.timedOut(310_000, TIMEOUT)).isTrue();
    }

    @Test
    void countsFromTheStartOfMonitoringBeforeTheFirstReport() {
        Presence p = Presence.initial().start(50_000);
        assertThat(p.lastReported()).isEmpty();
        assertThat(p.timedOut(349_999, TIMEOUT)).isFalse();
        assertThat(p.timedOut(350_000, TIMEOUT)).isTrue();
    }

    @Test
    void neverTimesOutWhileNotMonitored() {
        assertThat(Presence.initial().report(0).timedOut(10_000_000, TIMEOUT)).isFalse();
        assertThat(Presence.initial().start(0).stop().timedOut(10_000_000, TIMEOUT)).isFalse();
    }

    @Test
    void isAliveAgainOnTheNextReportAndFlaggedOnlyOnce() {
        Presence lost = Presence.initial().start(0).lost();
        assertThat(lost.alive()).isFalse();
        assertThat(lost.timedOut(10_000_000, TIMEOUT)).isFalse();
        assertThat(lost.report(400_000).alive()).isTrue();
    }
}
