package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.DEVICE;
import static io.lucid.command.session.SessionFixtures.ID;
import static io.lucid.command.session.SessionFixtures.NODE;
import static io.lucid.command.session.SessionFixtures.created;
import static io.lucid.command.session.SessionFixtures.device;
import static io.lucid.command.session.SessionFixtures.role;
import static io.lucid.command.testing.Rejected.with;

import io.lucid.events.session.StopReason;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may act on a session (DOMAIN.md section 7): OPERATOR and ADMIN all, a DEVICE its own, NODE and AUDITOR none. */
class SessionAccessTest extends SessionFixtureTest {

    static Stream<Object> everyCommand() {
        return Stream.of(new StartRecordingCommand(ID), new PauseRecordingCommand(ID), new ResumeRecordingCommand(ID),
                new StopRecordingCommand(ID, StopReason.requested), new RecordChunkCommand(ID, SessionFixtures.chunkRequest(1, "a", 1)),
                new ProcessSessionCommand(ID), new AnchorSessionCommand(ID, new AnchorSessionRequest("c", "t", null)),
                new FailSessionCommand(ID, new FailSessionRequest("r")), new DeleteSessionCommand(ID));
    }

    @Test
    void aDeviceActsOnTheSessionItOwns() {
        fixture.given(created(DEVICE, NODE, 10)).when(new StartRecordingCommand(ID), device(DEVICE))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void aDeviceMayNotActOnAnotherOwnersSession(Object command) {
        fixture.given(created(DEVICE, NODE, 10)).when(command, device("another-device"))
                .expectNoEvents().expectException(with(403, "forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "ADMIN"})
    void operatorsAndAdminsActOnEverySession(String roleName) {
        fixture.given(created(DEVICE, NODE, 10)).when(new StartRecordingCommand(ID), role(roleName))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NODE", "AUDITOR"})
    void nodesAndAuditorsMayNotActOnSessions(String roleName) {
        for (Object command : everyCommand().toList()) {
            setUpFixture();
            fixture.given(List.of(created(DEVICE, NODE, 10))).when(command, role(roleName))
                    .expectNoEvents().expectException(with(403, "forbidden"));
        }
    }
}
