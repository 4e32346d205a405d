package io.lucid.projections.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.DesktopEnvironment;
import io.lucid.events.rdp.DisconnectReason;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerConfig;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerResources;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.ReadModels;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RdpReadModelTest {

    private static final String SERVER = "0b6f3a52-1c1e-4c6e-9d1e-5a9d1f1e2c3b";
    private static final String NODE = "node_alpha_01";
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00.000Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new RdpReadModel());
    private long sequence;
    private long healthSequence;

    @Test
    void aCreationStoresTheServerInStateCreatedWithItsPortConfigAndResources() {
        lifecycle(created());

        RdpServerView server = server();
        assertThat(server.state()).isEqualTo("CREATED");
        assertThat(server.nodeId()).isEqualTo(NODE);
        assertThat(server.owner()).isEqualTo("operator-1");
        assertThat(server.sessionId()).isEqualTo("6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21");
        assertThat(server.port()).isEqualTo(33890);
        assertThat(server.config()).isEqualTo(new RdpServerView.Config("xfce", "1920x1080", 24));
        assertThat(server.resources()).isEqualTo(new RdpServerView.Resources(1500, 2048, 10240, 100));
        assertThat(server.connections()).isEmpty();
        assertThat(server.connectionCount()).isZero();
        assertThat(server.unresponsive()).isFalse();
        assertThat(server.createdAt()).isEqualTo(T0);
        assertThat(fixture.json(RdpReadModel.VIEW, SERVER)).contains("\"server_id\":\"" + SERVER + "\"",
                "\"cpu_millicores\":1500", "\"created_at\":\"2026-11-21T08:00:00.000Z\"");
    }

    @Test
    void theLifecycleMovesThroughEveryStateWithTheAgentsDetail() {
        lifecycle(created());
        lifecycle(new RdpServerStartRequested(SERVER, at(1)));
        assertThat(server().state()).isEqualTo("STARTING");
        lifecycle(new RdpServerRunning(SERVER, "pid 42", at(2)));
        assertThat(server().state()).isEqualTo("RUNNING");
        assertThat(server().statusDetail()).isEqualTo("pid 42");
        assertThat(server().runningSince()).isEqualTo(at(2));
        lifecycle(new RdpServerStopRequested(SERVER, false, at(3)));
        assertThat(server().state()).isEqualTo("STOPPING");
        lifecycle(new RdpServerStopped(SERVER, "exited 0", at(4)));
        assertThat(server().state()).isEqualTo("STOPPED");
        assertThat(server().statusDetail()).isEqualTo("exited 0");
        lifecycle(new RdpServerStartRequested(SERVER, at(5)));
        lifecycle(new RdpServerFailed(SERVER, "no display", at(6)));
        assertThat(server().state()).isEqualTo("FAILED");
        assertThat(server().statusDetail()).isEqualTo("no display");
        lifecycle(new RdpServerDeleted(SERVER, 33890, false, at(7)));

        assertThat(server().state()).isEqualTo("DELETED");
        assertThat(server().updatedAt()).isEqualTo(at(7));
        assertThat(fixture.version(RdpReadModel.VIEW, SERVER)).isEqualTo(8);
    }

    @Test
    void connectionsAreListedWhileOpenAndCounted() {
        running();
        lifecycle(new ClientConnected(SERVER, "c-1", "laptop", "10.0.0.7", at(3)));
        lifecycle(new ClientConnected(SERVER, "c-2", "tablet", "2001:db8::1", at(4)));
        assertThat(server().connectionCount()).isEqualTo(2);

        lifecycle(new ClientDisconnected(SERVER, "c-1", DisconnectReason.requested, at(5)));

        RdpServerView server = server();
        assertThat(server.connections())
                .containsExactly(new RdpServerView.Connection("c-2", "tablet", "2001:db8::1", at(4)));
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.updatedAt()).isEqualTo(at(5));
        assertThat(fixture.json(RdpReadModel.VIEW, SERVER)).contains("\"connections\":[{\"connection_id\":\"c-2\","
                + "\"client_name\":\"tablet\",\"client_ip\":\"2001:db8::1\",\"connected_at\":\"2026-11-21T08:00:04.000Z\"}]",
                "\"connection_count\":1");
    }

    @Test
    void aConnectionDeliveredAgainUnderAnotherEventIdIsListedOnce() {
        running();
        lifecycle(new ClientConnected(SERVER, "c-1", "laptop", "10.0.0.7", at(3)));
        long version = fixture.version(RdpReadModel.VIEW, SERVER);

        lifecycle(new ClientConnected(SERVER, "c-1", "laptop", "10.0.0.7", at(3)));

        assertThat(server().connectionCount()).isEqualTo(1);
        assertThat(fixture.version(RdpReadModel.VIEW, SERVER)).isEqualTo(version);
    }

    @Test
    void theNewestHealthReportByItsTimeIsKeptWhateverTheOrderItIsReadIn() {
        running();
        telemetry(report(40, 12.5));
        telemetry(report(10, 99.0));

        RdpServerView.Health health = server().lastHealth();
        assertThat(health).isEqualTo(new RdpServerView.Health(true, 12.5, 512, 800, 1, at(40)));
        assertThat(server().updatedAt()).as("telemetry is no change of the server").isEqualTo(at(2));
    }

    @Test
    void healthReadBeforeTheCreationIsKeptByIt() {
        telemetry(report(1, 3.0));
        assertThat(server().state()).isNull();

        lifecycle(created());

        assertThat(server().state()).isEqualTo("CREATED");
        assertThat(server().lastHealth().reportedAt()).isEqualTo(at(1));
    }

    @Test
    void aRunningServerFlaggedDuringItsRunIsUnresponsiveUntilItReportsAgain() {
        running();
        health(new RdpServerUnresponsive(SERVER, at(30), 90L, at(125)));

        assertThat(server().unresponsive()).isTrue();
        assertThat(server().unresponsiveSince()).isEqualTo(at(125));
        assertThat(server().liveness()).isEqualTo(new RdpServerView.Liveness(true, at(125), at(30), 90L));

        health(new RdpServerResponsive(SERVER, at(130)));

        assertThat(server().unresponsive()).isFalse();
        assertThat(server().unresponsiveSince()).isNull();
        assertThat(fixture.json(RdpReadModel.VIEW, SERVER)).contains("\"unresponsive\":false");
    }

    @Test
    void aFlagReadBeforeTheServerRunsMarksItUnresponsiveOnceTheRunIsRead() {
        lifecycle(created());
        health(new RdpServerUnresponsive(SERVER, null, 90L, at(125)));
        assertThat(server().unresponsive()).isFalse();

        lifecycle(new RdpServerStartRequested(SERVER, at(1)));
        lifecycle(new RdpServerRunning(SERVER, null, at(2)));

        assertThat(server().unresponsive()).isTrue();
    }

    @Test
    void aStoppedServerIsNotUnresponsiveThoughItsFlagWasNeverCleared() {
        running();
        health(new RdpServerUnresponsive(SERVER, at(30), 90L, at(125)));
        lifecycle(new RdpServerStopRequested(SERVER, true, at(200)));

        assertThat(server().unresponsive()).isFalse();
        assertThat(server().liveness().flagged()).isTrue();
    }

    @Test
    void aFlagFromAnEarlierRunDoesNotMarkARestartedServer() {
        running();
        health(new RdpServerUnresponsive(SERVER, at(30), 90L, at(125)));
        lifecycle(new RdpServerFailed(SERVER, "lost", at(200)));
        lifecycle(new RdpServerStartRequested(SERVER, at(300)));
        lifecycle(new RdpServerRunning(SERVER, null, at(310)));

        assertThat(server().unresponsive()).isFalse();
    }

    @Test
    void anEventRepeatedChangesNeitherBodyNorVersion() {
        running();
        telemetry(report(40, 12.5));
        String before = fixture.json(RdpReadModel.VIEW, SERVER);
        long version = fixture.version(RdpReadModel.VIEW, SERVER);

        lifecycle(new RdpServerRunning(SERVER, null, at(2)));
        telemetry(report(40, 12.5));

        assertThat(fixture.json(RdpReadModel.VIEW, SERVER)).isEqualTo(before);
        assertThat(fixture.version(RdpReadModel.VIEW, SERVER)).isEqualTo(version);
    }

    @Test
    void theBodyHoldsExactlyTheDocumentedFieldsAndNoSecret() {
        running();
        lifecycle(new ClientConnected(SERVER, "c-1", "laptop", "10.0.0.7", at(3)));
        telemetry(report(40, 12.5));
        health(new RdpServerUnresponsive(SERVER, at(40), 90L, at(135)));

        JsonNode body = fixture.rows().all().values().iterator().next().body();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("server_id", "name", "owner", "node_id",
                "session_id", "state", "port", "config", "resources", "connections", "connection_count",
                "status_detail", "last_health", "liveness", "unresponsive", "unresponsive_since", "running_since",
                "created_at", "updated_at");
        assertThat(fieldNames(body.get("last_health"))).containsExactlyInAnyOrder("alive", "cpu_percent",
                "memory_mb", "network_kbps", "active_connections", "reported_at");
        assertThat(body.toString()).doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("secret")
                .doesNotContainIgnoringCase("password");
    }

    @Test
    void theReadModelIsFoundThroughTheServiceLoader() {
        assertThat(ReadModels.named(List.of("rdp"))).singleElement().isInstanceOf(RdpReadModel.class);
    }

    @Test
    void everyRecordTypeOnTheSourceTopicsIsHandled() {
        Handlers handlers = Handlers.of(new RdpReadModel());
        for (Topic<String, ? extends SpecificRecord> topic : List.of(Topics.RDP_EVENTS, Topics.RDP_TELEMETRY,
                Topics.RDP_HEALTH)) {
            for (Class<? extends SpecificRecord> type : topic.records()) {
                assertThat(handlers.handles(type)).as(type.getSimpleName()).isTrue();
            }
        }
    }

    @Test
    void serversAreServedToTheirOwnNodeWithTheDeclaredFiltersAndChannels() {
        ViewDefinition view = new RdpReadModel().views().get(0);

        assertThat(view.entityPath()).isEqualTo("rdp-servers");
        assertThat(view.access().nodeField()).isEqualTo("node_id");
        assertThat(view.listings().get(0).filters()).extracting(f -> f.param())
                .contains("state", "node_id", "owner", "unresponsive");
        assertThat(view.channels()).extracting(c -> c.name()).containsExactly("rdp-servers", "rdp-server:");
    }

    private void running() {
        lifecycle(created());
        lifecycle(new RdpServerStartRequested(SERVER, at(1)));
        lifecycle(new RdpServerRunning(SERVER, null, at(2)));
    }

    private void lifecycle(SpecificRecord event) {
        fixture.apply(event, SERVER, sequence++, T0);
    }

    /** Telemetry records carry no sequence. */
    private void telemetry(RdpHealthReported report) {
        fixture.apply(report, SERVER, -1, report.getReportedAt());
    }

    private void health(SpecificRecord verdict) {
        fixture.apply(verdict, SERVER, healthSequence++, T0);
    }

    private RdpServerView server() {
        return fixture.row(RdpReadModel.VIEW, SERVER, RdpServerView.class).orElseThrow();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static RdpHealthReported report(long seconds, double cpu) {
        return new RdpHealthReported(SERVER, true, cpu, 512L, 800L, 1, at(seconds));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RdpServerCreated created() {
        return RdpServerCreated.newBuilder()
                .setServerId(SERVER)
                .setName("build-box")
                .setOwner("operator-1")
                .setSessionId("6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21")
                .setNodeId(NODE)
                .setPort(33890)
                .setConfig(new RdpServerConfig(DesktopEnvironment.xfce, "1920x1080", 24))
                .setResources(new RdpServerResources(1500, 2048, 10240, 100))
                .setCreatedAt(T0)
                .build();
    }
}
