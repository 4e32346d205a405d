package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A revoked device loses its live connections: only those authenticated as a revoked subject are closed. */
class LiveConnectionsTest {

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final LiveViews views = Fixtures.views(new Fixtures.Rows());

    private LiveConnection connection(RecordingSink sink) {
        return new LiveConnection(sink, Fixtures.CODEC, token -> Optional.ofNullable(Fixtures.TOKENS.get(token)),
                registry, views, Runnable::run, 256);
    }

    @Test
    void closesTheConnectionsOfARevokedSubjectWith4401() {
        LiveConnections connections = new LiveConnections(new io.lucid.kit.auth.RevokedSubjects(null));
        RecordingSink deviceSink = new RecordingSink();
        RecordingSink adminSink = new RecordingSink();
        RecordingSink anonymousSink = new RecordingSink();
        LiveConnection device = connection(deviceSink);
        LiveConnection admin = connection(adminSink);
        LiveConnection anonymous = connection(anonymousSink);
        device.opened(Optional.of("device-token"));
        admin.opened(Optional.of("admin-token"));
        connections.opened(device);
        connections.opened(admin);
        connections.opened(anonymous);

        connections.closeRevoked(Set.of("dev")::contains);

        assertThat(deviceSink.sent).last().asString().contains("\"code\":\"token_revoked\"");
        assertThat(deviceSink.closeCode).isEqualTo(4401);
        assertThat(adminSink.closeCode).isNull();
        assertThat(anonymousSink.closeCode).isNull();
        assertThat(connections.size()).isEqualTo(2);
    }
}
