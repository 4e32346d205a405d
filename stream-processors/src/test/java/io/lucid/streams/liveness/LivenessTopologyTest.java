package io.lucid.streams.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeHealth;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeHeartbeat;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Harness;
import io.lucid.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness on the test driver's wall clock, which starts at {@link Harness#WALL_CLOCK_START} (t = 0) and moves only
 * when the test advances it; the silence check runs every 5 s of it.
 */
class LivenessTopologyTest {

    private static final String NODE = "node_alpha";
    private static final String SERVER = "6f1c8f0e-5d0a-4b8e-9a53-2f0f3c1d7e11";

    private final String scope = Harness.freshScope();
    private Instant wallClock = Harness.WALL_CLOCK_START;
    private final Harness harness = Harness.of(LivenessTopology.build(StreamsSettings.defaults(), Harness.registry(scope)),
            scope);

    @AfterEach
    void close() {
        harness.close();
    }

    private static Instant t(long seconds) {
        return Harness.WALL_CLOCK_START.plusSeconds(seconds);
    }

    /** Moves the driver's wall clock to t = {@code seconds}; the silence check runs on the way. */
    private void advanceTo(long seconds) {
        harness.driver().advanceWallClockTime(Duration.between(wallClock, t(seconds)));
        wallClock = t(seconds);
    }

    private void node(SpecificRecord event) {
        harness.input(Topics.NODE_EVENTS).pipeInput(NODE, event);
    }

    private void heartbeat(long seconds) {
        harness.input(Topics.NODE_TELEMETRY).pipeInput(NODE, new NodeHeartbeat(NODE, 12.5, 1L << 30, 1L << 32, 100.0, 1,
                t(seconds)));
    }

    @Test
    void flagsAnActiveNodeUnhealthyAfterThreeHundredSilentSecondsUntilItsNextHeartbeat() {
        node(new NodeActivated(NODE, t(0)));
        heartbeat(10);
        advanceTo(305);
        assertThat(harness.output(Topics.NODE_HEALTH).isEmpty()).isTrue();
        // last heartbeat at 10 s: silent for 300 s at 310 s (the check runs every 5 s)
        advanceTo(310);
        NodeHealthChanged unhealthy = (NodeHealthChanged) harness.output(Topics.NODE_HEALTH).readValue();
        assertThat(unhealthy.getHealth()).isEqualTo(NodeHealth.unhealthy);
        assertThat(unhealthy.getLastHeartbeatAt()).isEqualTo(t(10));
        assertThat(unhealthy.getChangedAt()).isEqualTo(t(310));
        // flagged once, however long the silence lasts
        advanceTo(900);
        assertThat(harness.output(Topics.NODE_HEALTH).isEmpty()).isTrue();
        heartbeat(905);
        assertThat(harness.output(Topics.NODE_HEALTH).readValuesToList()).extracting(
                        v -> ((NodeHealthChanged) v).getHealth(), v -> ((NodeHealthChanged) v).getChangedAt())
                .containsExactly(tuple(NodeHealth.healthy, t(905)));
    }

    @Test
    void givesANewlyActivatedNodeTheWholeTimeoutForItsFirstHeartbeat() {
        advanceTo(100);
        node(new NodeActivated(NODE, t(100)));
        advanceTo(395);
        assertThat(harness.output(Topics.NODE_HEALTH).isEmpty()).isTrue();
        advanceTo(400);
        NodeHealthChanged unhealthy = (NodeHealthChanged) harness.output(Topics.NODE_HEALTH).readValue();
        assertThat(unhealthy.getLastHeartbeatAt()).isNull();
    }

    @Test
    void keepsANodeHealthyWhileItSendsHeartbeats() {
        node(new NodeActivated(NODE, t(0)));
        for (long s = 30; s <= 900; s += 30) {
            advanceTo(s);
            heartbeat(s);
        }
        assertThat(harness.output(Topics.NODE_HEALTH).isEmpty()).isTrue();
    }

    @Test
    void watchesNoNodeThatIsNotActive() {
        node(new NodeActivated(NODE, t(0)));
        node(new NodeDeactivated(NODE, t(60)));
        advanceTo(1_000);
        assertThat(harness.output(Topics.NODE_HEALTH).isEmpty()).isTrue();
    }

    @Test
    void flagsARunningRdpServerUnresponsiveAfterNinetySilentSeconds() {
        harness.input(Topics.RDP_EVENTS).pipeInput(SERVER, new RdpServerRunning(SERVER, null, t(0)));
        harness.input(Topics.RDP_TELEMETRY).pipeInput(SERVER, new RdpHealthReported(SERVER, true, 5.0, 512L, 100L, 0, t(60)));
        advanceTo(145);
        assertThat(harness.output(Topics.RDP_HEALTH).isEmpty()).isTrue();
        advanceTo(150);
        RdpServerUnresponsive unresponsive = (RdpServerUnresponsive) harness.output(Topics.RDP_HEALTH).readValue();
        assertThat(unresponsive.getLastReportAt()).isEqualTo(t(60));
        assertThat(unresponsive.getSilenceSeconds()).isEqualTo(90);
        assertThat(unresponsive.getDetectedAt()).isEqualTo(t(150));
        harness.input(Topics.RDP_TELEMETRY).pipeInput(SERVER, new RdpHealthReported(SERVER, true, 5.0, 512L, 100L, 0, t(160)));
        assertThat(harness.output(Topics.RDP_HEALTH).readValue()).isEqualTo(new RdpServerResponsive(SERVER, t(160)));
        // a server being stopped is not expected to report
        harness.input(Topics.RDP_EVENTS).pipeInput(SERVER, new RdpServerStopRequested(SERVER, false, t(170)));
        advanceTo(1_000);
        assertThat(harness.output(Topics.RDP_HEALTH).isEmpty()).isTrue();
    }
}
