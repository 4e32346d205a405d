package io.lucid.command.rdp;

import static io.lucid.command.rdp.RdpFixtures.ID;
import static io.lucid.command.rdp.RdpFixtures.NODE;
import static io.lucid.command.rdp.RdpFixtures.NOW;
import static io.lucid.command.rdp.RdpFixtures.OPERATOR;
import static io.lucid.command.rdp.RdpFixtures.PORT;
import static io.lucid.command.rdp.RdpFixtures.operator;
import static io.lucid.command.rdp.RdpFixtures.request;
import static io.lucid.command.rdp.RdpFixtures.resources;
import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.rdp.DesktopEnvironment;
import io.lucid.events.rdp.RdpServerConfig;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerResources;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateRdpServer (DOMAIN.md section 3): config defaults, resource bounds in exact arithmetic, ports and quotas. */
class RdpServerCreationTest extends RdpServerFixtureTest {

    private void accepted(CreateRdpServerRequest request) {
        fixture.givenNoPriorActivity().when(new CreateRdpServerCommand(ID, request), operator()).expectSuccessfulHandlerExecution();
    }

    private void rejected(CreateRdpServerRequest request, Matcher<?> matcher) {
        fixture.givenNoPriorActivity().when(new CreateRdpServerCommand(ID, request), operator())
                .expectNoEvents().expectException(matcher);
        assertThat(slots.allocated).isEmpty();
    }

    @Test
    void createsAServerWithDefaultConfigOnTheAllocatedPort() {
        fixture.givenNoPriorActivity()
                .when(new CreateRdpServerCommand(ID, RdpFixtures.valid()), operator())
                .expectEvents(RdpServerCreated.newBuilder()
                        .setServerId(ID).setName("desk-1").setOwner(OPERATOR).setSessionId(null).setNodeId(NODE).setPort(PORT)
                        .setConfig(RdpServerConfig.newBuilder().setDesktop(DesktopEnvironment.xfce).setResolution("1920x1080")
                                .setColorDepth(24).build())
                        .setResources(RdpServerResources.newBuilder().setCpuMillicores(2500).setMemoryMb(4096).setDiskMb(20480)
                                .setNetworkMbps(1000).build())
                        .setCreatedAt(NOW)
                        .build())
                .expectResultMessagePayload(new RdpServer.Created(ID, PORT))
                .expectState(server -> assertThat(server.status()).isEqualTo(RdpServerStatus.CREATED));
        assertThat(slots.allocated).containsExactly(ID + "@" + OPERATOR);
    }

    @Test
    void createsAServerWithTheConfigGiven() {
        CreateRdpServerRequest request = new CreateRdpServerRequest("desk-2", "6F1C1C5E-8A0E-4B55-9A43-0D3C2F4B7E21", null,
                new CreateRdpServerRequest.Config("kde", "2560x1440", 32), resources("8.00", 16384, 102400, 10000));
        fixture.givenNoPriorActivity()
                .when(new CreateRdpServerCommand(ID, request), operator())
                .expectEvents(RdpServerCreated.newBuilder()
                        .setServerId(ID).setName("desk-2").setOwner(OPERATOR).setSessionId("6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21")
                        .setNodeId(null).setPort(PORT)
                        .setConfig(RdpServerConfig.newBuilder().setDesktop(DesktopEnvironment.kde).setResolution("2560x1440")
                                .setColorDepth(32).build())
                        .setResources(RdpServerResources.newBuilder().setCpuMillicores(8000).setMemoryMb(16384).setDiskMb(102400)
                                .setNetworkMbps(10000).build())
                        .setCreatedAt(NOW)
                        .build());
    }

    @ParameterizedTest
    @CsvSource({"0.10,100", "0.1,100", "8,8000", "8.00,8000", "2.5,2500", "1.25,1250", "0.99,990"})
    void keepsCpuExactInThousandthsOfACore(String cpu, int millicores) {
        fixture.givenNoPriorActivity()
                .when(new CreateRdpServerCommand(ID, request(resources(cpu, 512, 1024, 100))), operator())
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.hasProperty("resources",
                                        org.hamcrest.Matchers.hasProperty("cpuMillicores", org.hamcrest.Matchers.equalTo(millicores))),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.09", "0.099", "8.01", "8.001", "0", "-1", "100", "1E+3"})
    void rejectsCpuOutside010To800Cores(String cpu) {
        rejected(request(resources(cpu, 512, 1024, 100)), invalidField("resources.cpu", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.125", "1.001", "7.999"})
    void rejectsCpuFinerThanHundredthsOfACore(String cpu) {
        rejected(request(resources(cpu, 512, 1024, 100)), invalidField("resources.cpu", "invalid_precision"));
    }

    @ParameterizedTest
    @CsvSource({"512,1024", "16384,102400", "768,1280"})
    void acceptsMemoryAndDiskAtTheirBoundsAndMultiplesOf256(int memoryMb, int diskMb) {
        accepted(request(resources("1", memoryMb, diskMb, 100)));
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 511, 16640, 0, -512})
    void rejectsMemoryOutside512To16384(int memoryMb) {
        rejected(request(resources("1", memoryMb, 1024, 100)), invalidField("resources.memory_mb", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(ints = {513, 600, 16383})
    void rejectsMemoryThatIsNotAMultipleOf256(int memoryMb) {
        rejected(request(resources("1", memoryMb, 1024, 100)), invalidField("resources.memory_mb", "not_a_multiple"));
    }

    @ParameterizedTest
    @ValueSource(ints = {768, 1023, 102656})
    void rejectsDiskOutside1024To102400(int diskMb) {
        rejected(request(resources("1", 512, diskMb, 100)), invalidField("resources.disk_mb", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1025, 2000, 102399})
    void rejectsDiskThatIsNotAMultipleOf256(int diskMb) {
        rejected(request(resources("1", 512, diskMb, 100)), invalidField("resources.disk_mb", "not_a_multiple"));
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 10001, 0, -100})
    void rejectsNetworkOutside100To10000Mbps(int mbps) {
        rejected(request(resources("1", 512, 1024, mbps)), invalidField("resources.network_mbps", "out_of_range"));
    }

    @Test
    void acceptsNetworkAtItsBounds() {
        accepted(request(resources("1", 512, 1024, 100)));
        setUpFixture();
        accepted(request(resources("1", 512, 1024, 10000)));
    }

    @Test
    void rejectsUnknownDesktopColorDepthAndBadResolution() {
        rejected(new CreateRdpServerRequest("d", null, null, new CreateRdpServerRequest.Config("unknown", "100x100", 8),
                resources("1", 512, 1024, 100)), invalid("config.desktop", "config.resolution", "config.color_depth"));
    }

    @Test
    void namesEveryMissingOrBrokenFieldAtOnce() {
        rejected(new CreateRdpServerRequest(null, "x", "y", null, resources(null, null, null, null)),
                invalid("name", "session_id", "node_id", "resources.cpu", "resources.memory_mb", "resources.disk_mb",
                        "resources.network_mbps"));
        setUpFixture();
        rejected(new CreateRdpServerRequest("n".repeat(256), null, null, null, null), invalid("name", "resources"));
    }

    @ParameterizedTest
    @EnumSource(RdpServerSlots.Refusal.class)
    void rejectsCreationBeyondTheLimitsOrWithoutAFreePort(RdpServerSlots.Refusal refusal) {
        slots.refuseWith = refusal;
        String code = switch (refusal) {
            case SYSTEM_LIMIT_REACHED -> "rdp_server_limit_reached";
            case OWNER_LIMIT_REACHED -> "rdp_owner_limit_reached";
            case NO_PORT_FREE -> "rdp_ports_exhausted";
        };
        rejected(RdpFixtures.valid(), with(422, code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NODE", "DEVICE", "AUDITOR"})
    void onlyOperatorsAndAdminsCreateServers(String role) {
        fixture.givenNoPriorActivity().when(new CreateRdpServerCommand(ID, RdpFixtures.valid()), RdpFixtures.role(role))
                .expectNoEvents().expectException(with(403, "forbidden"));
        assertThat(slots.allocated).isEmpty();
    }
}
