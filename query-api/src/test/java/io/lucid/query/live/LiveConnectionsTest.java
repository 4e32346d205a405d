package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A revoked device loses its live connections: only those authenticated as a revoked subject are closed. */
class LiveConnectionsTest {

    private final Fixtures.Bench bench = new Fixtures.Bench();

    @Test
    void closesTheConnectionsOfARevokedSubjectWith4401() {
        LiveConnections connections = bench.connections;
        RecordingSink deviceSink = new RecordingSink();
        RecordingSink adminSink = new RecordingSink();
        RecordingSink anonymousSink = new RecordingSink();
        LiveConnection device = bench.connect(deviceSink);
        LiveConnection admin = bench.connect(adminSink);
        bench.connect(anonymousSink);
        device.opened(Optional.of("device-token"));
        admin.opened(Optional.of("admin-token"));

        connections.closeRevoked(Set.of("dev")::contains);

        assertThat(deviceSink.sent).last().asString().contains("\"code\":\"token_revoked\"");
        assertThat(deviceSink.closeCode).isEqualTo(4401);
        assertThat(adminSink.closeCode).isNull();
        assertThat(anonymousSink.closeCode).isNull();
        connections.closeRevoked(Set.of("dev")::contains);
        assertThat(deviceSink.sent.stream().filter(frame -> frame.contains("token_revoked"))).hasSize(1);
    }

    @Test
    void aRevokedClientThatDoesNotReadItsLastFrameIsClosedASecondLater() {
        RecordingSink deviceSink = new RecordingSink();
        LiveConnection device = bench.connect(deviceSink);
        device.opened(java.util.Optional.of("device-token"));
        deviceSink.stall();
        device.received("{\"type\":\"ping\"}");

        bench.connections.closeRevoked(Set.of("dev")::contains);
        bench.connections.tick();
        assertThat(deviceSink.closeCode).as("its last frames may still drain").isNull();
        bench.clock.advance(java.time.Duration.ofSeconds(1));
        bench.connections.tick();

        assertThat(deviceSink.closeCode).isEqualTo(4401);
    }
}
