package io.lucid.command.rdp;

import static io.lucid.command.rdp.RdpFixtures.ID;
import static io.lucid.command.rdp.RdpFixtures.NODE;
import static io.lucid.command.rdp.RdpFixtures.NOW;
import static io.lucid.command.rdp.RdpFixtures.PORT;
import static io.lucid.command.rdp.RdpFixtures.connected;
import static io.lucid.command.rdp.RdpFixtures.created;
import static io.lucid.command.rdp.RdpFixtures.history;
import static io.lucid.command.rdp.RdpFixtures.node;
import static io.lucid.command.rdp.RdpFixtures.operator;
import static io.lucid.command.rdp.RdpFixtures.runningWith;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.DisconnectReason;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Start, status reports, client connections, stop and delete (DOMAIN.md section 3). */
class RdpServerLifecycleTest extends RdpServerFixtureTest {

    private static ReportRdpServerStatusCommand report(String status) {
        return new ReportRdpServerStatusCommand(ID, new StatusReportRequest(status, "agent says " + status));
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = {"CREATED", "STOPPED", "FAILED"})
    void startsFromCreatedStoppedOrFailed(RdpServerStatus status) {
        fixture.given(history(status)).when(new StartRdpServerCommand(ID), operator())
                .expectEvents(new RdpServerStartRequested(ID, NOW))
                .expectResultMessagePayload(RdpServerStatus.STARTING);
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = {"STARTING", "RUNNING", "STOPPING", "DELETED"})
    void rejectsStartNamingTheCurrentState(RdpServerStatus status) {
        fixture.given(history(status)).when(new StartRdpServerCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void runningReportMovesStartingToRunning() {
        fixture.given(history(RdpServerStatus.STARTING)).when(report("running"), node(NODE))
                .expectEvents(new RdpServerRunning(ID, "agent says running", NOW))
                .expectResultMessagePayload(RdpServerStatus.RUNNING);
    }

    @Test
    void failedReportMovesStartingToFailed() {
        fixture.given(history(RdpServerStatus.STARTING)).when(report("failed"), node(NODE))
                .expectEvents(new RdpServerFailed(ID, "agent says failed", NOW))
                .expectResultMessagePayload(RdpServerStatus.FAILED);
    }

    @Test
    void failedReportMovesRunningToFailedDisconnectingEveryClientFirst() {
        fixture.given(runningWith("c1", "c2")).when(report("failed"), node(NODE))
                .expectEvents(new ClientDisconnected(ID, "c1", DisconnectReason.server_failed, NOW),
                        new ClientDisconnected(ID, "c2", DisconnectReason.server_failed, NOW),
                        new RdpServerFailed(ID, "agent says failed", NOW))
                .expectState(server -> assertThat(server.connections()).isEmpty());
    }

    @Test
    void stoppedReportMovesStoppingToStopped() {
        fixture.given(history(RdpServerStatus.STOPPING)).when(report("stopped"), node(NODE))
                .expectEvents(new RdpServerStopped(ID, "agent says stopped", NOW))
                .expectResultMessagePayload(RdpServerStatus.STOPPED);
    }

    @ParameterizedTest
    @CsvSource({"RUNNING,running", "FAILED,failed", "STOPPED,stopped"})
    void aReportOfTheCurrentStateIsAnIdempotentSuccess(RdpServerStatus status, String reported) {
        fixture.given(history(status)).when(report(reported), node(NODE))
                .expectSuccessfulHandlerExecution().expectNoEvents().expectResultMessagePayload(status);
    }

    @ParameterizedTest
    @CsvSource({"CREATED,running", "STOPPING,running", "STOPPED,running", "CREATED,failed", "STOPPING,failed",
        "STOPPED,failed", "CREATED,stopped", "STARTING,stopped", "RUNNING,stopped", "FAILED,stopped", "FAILED,running",
        "DELETED,running", "DELETED,failed", "DELETED,stopped"})
    void rejectsAReportThatIsNoTransitionOfTheServer(RdpServerStatus status, String reported) {
        fixture.given(history(status)).when(report(reported), node(NODE))
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNNING", "up", "unknown", ""})
    void rejectsAnUnknownReportedStatus(String reported) {
        fixture.given(history(RdpServerStatus.STARTING)).when(report(reported), node(NODE))
                .expectNoEvents().expectException(invalidField("status", reported.isEmpty() ? "required" : "unknown_value"));
    }

    @Test
    void rejectsAReportDetailLongerThan1000Characters() {
        fixture.given(history(RdpServerStatus.STARTING))
                .when(new ReportRdpServerStatusCommand(ID, new StatusReportRequest("running", "d".repeat(1001))), node(NODE))
                .expectNoEvents().expectException(invalidField("detail", "invalid_length"));
    }

    @Test
    void aNodeMayNotReportForAServerOnAnotherNode() {
        fixture.given(history(RdpServerStatus.STARTING)).when(report("running"), node("node_other_01"))
                .expectNoEvents().expectException(with(403, "forbidden"));
    }

    @Test
    void aNodeMayNotReportForAServerWithoutANode() {
        fixture.given(created(null), new RdpServerStartRequested(ID, NOW)).when(report("running"), node(NODE))
                .expectNoEvents().expectException(with(403, "forbidden"));
    }

    @Test
    void anOperatorMayReportForAnyServer() {
        fixture.given(history(RdpServerStatus.STARTING)).when(report("running"), operator())
                .expectEvents(new RdpServerRunning(ID, "agent says running", NOW));
    }

    @Test
    void aNodeMayDoNothingElse() {
        fixture.given(history(RdpServerStatus.CREATED)).when(new StartRdpServerCommand(ID), node(NODE))
                .expectNoEvents().expectException(with(403, "forbidden"));
    }

    @Test
    void connectsAClientToARunningServer() {
        fixture.given(history(RdpServerStatus.RUNNING))
                .when(new ConnectClientCommand(ID, "c1", new ConnectClientRequest("laptop", "192.168.1.20")), operator())
                .expectEvents(new ClientConnected(ID, "c1", "laptop", "192.168.1.20", NOW))
                .expectResultMessagePayload("c1");
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void rejectsAConnectionUnlessRunning(RdpServerStatus status) {
        fixture.given(history(status)).when(new ConnectClientCommand(ID, "c1", new ConnectClientRequest("laptop", "10.0.0.1")), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void rejectsTheEleventhConnection() {
        String[] ten = IntStream.rangeClosed(1, 10).mapToObj(i -> "c" + i).toArray(String[]::new);
        fixture.given(runningWith(ten)).when(new ConnectClientCommand(ID, "c11", new ConnectClientRequest("one-too-many", "10.0.0.11")),
                        operator())
                .expectNoEvents().expectException(with(422, "too_many_connections"));
    }

    @Test
    void acceptsTheTenthConnectionAndOneAfterADisconnect() {
        String[] nine = IntStream.rangeClosed(1, 9).mapToObj(i -> "c" + i).toArray(String[]::new);
        fixture.given(runningWith(nine)).when(new ConnectClientCommand(ID, "c10", new ConnectClientRequest("tenth", "::1")), operator())
                .expectSuccessfulHandlerExecution();
        setUpFixture();
        java.util.List<Object> events = runningWith(IntStream.rangeClosed(1, 10).mapToObj(i -> "c" + i).toArray(String[]::new));
        events.add(new ClientDisconnected(ID, "c3", DisconnectReason.requested, NOW));
        fixture.given(events).when(new ConnectClientCommand(ID, "c11", new ConnectClientRequest("next", "10.0.0.11")), operator())
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "example.com", "localhost", "10.0.0.1/24", "::g", "fe80::1%eth0", "1.2.3.4 "})
    void rejectsAClientIpThatIsNotAnAddress(String ip) {
        fixture.given(history(RdpServerStatus.RUNNING)).when(new ConnectClientCommand(ID, "c1", new ConnectClientRequest("x", ip)), operator())
                .expectNoEvents().expectException(invalidField("client_ip", "invalid_format"));
    }

    @Test
    void disconnectsAnOpenConnection() {
        fixture.given(runningWith("c1")).when(new DisconnectClientCommand(ID, "c1"), operator())
                .expectEvents(new ClientDisconnected(ID, "c1", DisconnectReason.requested, NOW))
                .expectState(server -> assertThat(server.connections()).isEmpty());
    }

    @Test
    void rejectsDisconnectingAnUnknownConnection() {
        fixture.given(runningWith("c1")).when(new DisconnectClientCommand(ID, "c9"), operator())
                .expectNoEvents().expectException(with(404, "connection_not_found"));
    }

    @Test
    void stopsARunningServerWithoutClients() {
        fixture.given(history(RdpServerStatus.RUNNING)).when(new StopRdpServerCommand(ID, false), operator())
                .expectEvents(new RdpServerStopRequested(ID, false, NOW))
                .expectResultMessagePayload(RdpServerStatus.STOPPING);
    }

    @Test
    void rejectsStoppingWithConnectedClientsWithoutForce() {
        fixture.given(runningWith("c1", "c2")).when(new StopRdpServerCommand(ID, false), operator())
                .expectNoEvents().expectException(with(409, "clients_connected", "2 connected clients"));
    }

    @Test
    void aForcedStopDisconnectsEveryClientFirst() {
        fixture.given(runningWith("c1", "c2")).when(new StopRdpServerCommand(ID, true), operator())
                .expectEvents(new ClientDisconnected(ID, "c1", DisconnectReason.forced_stop, NOW),
                        new ClientDisconnected(ID, "c2", DisconnectReason.forced_stop, NOW),
                        new RdpServerStopRequested(ID, true, NOW));
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void rejectsStopUnlessRunning(RdpServerStatus status) {
        fixture.given(history(status)).when(new StopRdpServerCommand(ID, true), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = {"CREATED", "STOPPED", "FAILED"})
    void deletesAServerThatIsNotAliveAndReleasesItsPort(RdpServerStatus status) {
        fixture.given(history(status)).when(new DeleteRdpServerCommand(ID, false), operator())
                .expectEvents(new RdpServerDeleted(ID, PORT, false, NOW))
                .expectResultMessagePayload(RdpServerStatus.DELETED);
        assertThat(slots.released).containsExactly(ID);
    }

    @ParameterizedTest
    @EnumSource(value = RdpServerStatus.class, names = {"STARTING", "RUNNING", "STOPPING"})
    void rejectsDeletingAServerThatMayBeAliveWithoutForce(RdpServerStatus status) {
        fixture.given(history(status)).when(new DeleteRdpServerCommand(ID, false), operator())
                .expectNoEvents().expectException(with(409, "server_running", "is " + status));
        assertThat(slots.released).isEmpty();
    }

    @Test
    void aForcedDeleteOfARunningServerDisconnectsItsClientsAndReleasesItsPort() {
        fixture.given(runningWith("c1")).when(new DeleteRdpServerCommand(ID, true), operator())
                .expectEvents(new ClientDisconnected(ID, "c1", DisconnectReason.forced_delete, NOW),
                        new RdpServerDeleted(ID, PORT, true, NOW));
        assertThat(slots.released).containsExactly(ID);
    }

    @Test
    void rejectsDeletingTwice() {
        fixture.given(history(RdpServerStatus.DELETED)).when(new DeleteRdpServerCommand(ID, true), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is DELETED"));
        assertThat(slots.released).isEmpty();
    }

    @Test
    void connectedEventsOfTheHelperAreWellFormed() {
        assertThat(connected("c1").getConnectionId()).isEqualTo("c1");
    }
}
