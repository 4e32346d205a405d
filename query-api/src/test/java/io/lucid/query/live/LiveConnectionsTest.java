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
        assertThat(connections.size()).isEqualTo(2);
    }
}
