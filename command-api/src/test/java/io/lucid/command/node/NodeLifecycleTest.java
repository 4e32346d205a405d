package io.lucid.command.node;

import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The node lifecycle of DOMAIN.md section 4 after registration, one rule or transition per test. */
class NodeLifecycleTest {

    static final String ID = "node_alpha_01";
    static final long GIB = 1L << 30;
    static final Instant REGISTERED_AT = Instant.parse("2026-11-21T07:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final NodeHardware HARDWARE = NodeHardware.newBuilder().setCpuCores(8).setMemoryBytes(16 * GIB)
            .setStorageBytes(500 * GIB).setStorageType(StorageType.NVMe).setNetworkMbps(1000).build();

    private AggregateTestFixture<Node> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Node.class);
        fixture.registerInjectableResource(new NodeTest.InMemoryClaims());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static NodeRegistered registered() {
        return NodeRegistered.newBuilder().setNodeId(ID).setName("alpha-01").setNodeType(NodeType.worker)
                .setHardware(HARDWARE)
                .setLocation(NodeLocation.newBuilder().setCountry("DE").build())
                .setWalletAddress(NodeTest.WALLET).setPublicKey(NodeTest.PUBLIC_KEY).setRegisteredAt(REGISTERED_AT)
                .build();
    }

    /** The events that bring a registered node into {@code status}. */
    static List<Object> history(NodeStatus status) {
        List<Object> events = new ArrayList<>(List.of(registered()));
        switch (status) {
            case INACTIVE -> {
            }
            case ACTIVE -> events.add(new NodeActivated(ID, REGISTERED_AT));
            case MAINTENANCE -> {
                events.add(new NodeActivated(ID, REGISTERED_AT));
                events.add(new NodeMaintenanceEntered(ID, null, REGISTERED_AT));
            }
            case DEREGISTERED -> events.add(new NodeDeregistered(ID, null, REGISTERED_AT));
        }
        return events;
    }

    private void illegal(NodeStatus from, Object command) {
        fixture.given(history(from)).when(command)
                .expectNoEvents()
                .expectException(with(409, "illegal_transition", "node " + ID + " is " + from));
    }

    @Test
    void activatesAnInactiveNode() {
        fixture.given(history(NodeStatus.INACTIVE)).when(new ActivateNodeCommand(ID))
                .expectEvents(new NodeActivated(ID, NOW))
                .expectResultMessagePayload(NodeStatus.ACTIVE)
                .expectState(node -> assertThat(node.status()).isEqualTo(NodeStatus.ACTIVE));
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"ACTIVE", "MAINTENANCE", "DEREGISTERED"})
    void activatesOnlyAnInactiveNode(NodeStatus from) {
        illegal(from, new ActivateNodeCommand(ID));
    }

    @Test
    void deactivatesAnActiveNode() {
        fixture.given(history(NodeStatus.ACTIVE)).when(new DeactivateNodeCommand(ID))
                .expectEvents(new NodeDeactivated(ID, NOW))
                .expectResultMessagePayload(NodeStatus.INACTIVE);
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "MAINTENANCE", "DEREGISTERED"})
    void deactivatesOnlyAnActiveNode(NodeStatus from) {
        illegal(from, new DeactivateNodeCommand(ID));
    }

    @Test
    void anActiveNodeEntersMaintenanceWithItsReason() {
        fixture.given(history(NodeStatus.ACTIVE)).when(new EnterMaintenanceCommand(ID, "disk swap"))
                .expectEvents(new NodeMaintenanceEntered(ID, "disk swap", NOW))
                .expectResultMessagePayload(NodeStatus.MAINTENANCE);
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "MAINTENANCE", "DEREGISTERED"})
    void entersMaintenanceOnlyFromActive(NodeStatus from) {
        illegal(from, new EnterMaintenanceCommand(ID, null));
    }

    @Test
    void rejectsAMaintenanceReasonLongerThanFiveHundredCharacters() {
        fixture.given(history(NodeStatus.ACTIVE)).when(new EnterMaintenanceCommand(ID, "r".repeat(501)))
                .expectNoEvents().expectException(invalidField("reason", "too_long"));
    }

    @Test
    void rejectsAReasonWithControlCharactersSinceTheReadModelCannotStoreThem() {
        fixture.given(history(NodeStatus.ACTIVE)).when(new EnterMaintenanceCommand(ID, "disk\u0000swap"))
                .expectNoEvents().expectException(invalidField("reason", "invalid_characters"));
    }

    @Test
    void rejectsAGpuModelWithANulCharacter() {
        fixture.given(history(NodeStatus.ACTIVE))
                .when(new UpdateNodeHardwareCommand(ID, new RegisterNodeCommand.Hardware(8, 16 * GIB, 500 * GIB, "NVMe", 1000, "A\u0000100")))
                .expectNoEvents().expectException(invalidField("gpu_model", "invalid_characters"));
    }

    @Test
    void exitingMaintenanceMakesTheNodeActiveAgain() {
        fixture.given(history(NodeStatus.MAINTENANCE)).when(new ExitMaintenanceCommand(ID))
                .expectEvents(new NodeMaintenanceExited(ID, NOW))
                .expectResultMessagePayload(NodeStatus.ACTIVE);
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "ACTIVE", "DEREGISTERED"})
    void exitsMaintenanceOnlyFromMaintenance(NodeStatus from) {
        illegal(from, new ExitMaintenanceCommand(ID));
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "ACTIVE", "MAINTENANCE"})
    void updatesHardwareInEveryStateButDeregistered(NodeStatus from) {
        RegisterNodeCommand.Hardware bigger = new RegisterNodeCommand.Hardware(16, 64 * GIB, 2048 * GIB, "SSD", 10_000, "A100");
        fixture.given(history(from)).when(new UpdateNodeHardwareCommand(ID, bigger))
                .expectEvents(new NodeHardwareUpdated(ID, NodeHardware.newBuilder().setCpuCores(16).setMemoryBytes(64 * GIB)
                        .setStorageBytes(2048 * GIB).setStorageType(StorageType.SSD).setNetworkMbps(10_000).setGpuModel("A100")
                        .build(), NOW))
                .expectResultMessagePayload(from);
    }

    @Test
    void updatingHardwareOfADeregisteredNodeIsIllegal() {
        illegal(NodeStatus.DEREGISTERED, new UpdateNodeHardwareCommand(ID,
                new RegisterNodeCommand.Hardware(8, 16 * GIB, 500 * GIB, "NVMe", 1000, null)));
    }

    @Test
    void updatedHardwareIsRevalidatedWithTheBoundsOfRegistration() {
        fixture.given(history(NodeStatus.ACTIVE))
                .when(new UpdateNodeHardwareCommand(ID, new RegisterNodeCommand.Hardware(129, 2 * GIB - 1, 100 * 1024 * GIB + 1, "tape", 9, null)))
                .expectNoEvents()
                .expectException(invalid("cpu_cores", "memory_bytes", "storage_bytes", "storage_type", "network_mbps"));
    }

    @Test
    void updatedHardwareExactlyAtTheBoundsIsAccepted() {
        fixture.given(history(NodeStatus.ACTIVE))
                .when(new UpdateNodeHardwareCommand(ID, new RegisterNodeCommand.Hardware(1, 2 * GIB, 20 * GIB, "HDD", 10, null)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void updatingHardwareNamesEveryMissingField() {
        fixture.given(history(NodeStatus.ACTIVE))
                .when(new UpdateNodeHardwareCommand(ID, new RegisterNodeCommand.Hardware(null, null, null, null, null, null)))
                .expectNoEvents()
                .expectException(invalid("cpu_cores", "memory_bytes", "storage_bytes", "storage_type", "network_mbps"));
    }

    @Test
    void updatingToTheSameHardwareRecordsNothing() {
        fixture.given(history(NodeStatus.ACTIVE))
                .when(new UpdateNodeHardwareCommand(ID, new RegisterNodeCommand.Hardware(8, 16 * GIB, 500 * GIB, "NVMe", 1000, null)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "ACTIVE", "MAINTENANCE"})
    void deregistersFromEveryOtherState(NodeStatus from) {
        fixture.given(history(from)).when(new DeregisterNodeCommand(ID, "retired"))
                .expectEvents(new NodeDeregistered(ID, "retired", NOW))
                .expectResultMessagePayload(NodeStatus.DEREGISTERED)
                .expectState(node -> assertThat(node.status()).isEqualTo(NodeStatus.DEREGISTERED));
    }

    @Test
    void deregistrationIsTerminal() {
        illegal(NodeStatus.DEREGISTERED, new DeregisterNodeCommand(ID, null));
    }

    @Test
    void rejectsADeregistrationReasonLongerThanFiveHundredCharacters() {
        fixture.given(history(NodeStatus.INACTIVE)).when(new DeregisterNodeCommand(ID, "r".repeat(501)))
                .expectNoEvents().expectException(invalidField("reason", "too_long"));
    }

    @Test
    void aCommandForAnUnknownNodeFindsNoAggregate() {
        fixture.givenNoPriorActivity().when(new ActivateNodeCommand(ID))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
