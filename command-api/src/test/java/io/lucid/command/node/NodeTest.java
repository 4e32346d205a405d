package io.lucid.command.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every RegisterNode rule of DOMAIN.md section 4, one behaviour per test, on Axon's given/when/then fixture. */
class NodeTest {

    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";
    static final String PUBLIC_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private AggregateTestFixture<Node> fixture;
    private InMemoryClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Node.class);
        claims = new InMemoryClaims();
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static RegisterNodeCommand valid() {
        return new RegisterNodeCommand("node_alpha_01", "alpha-01", "worker",
                new RegisterNodeCommand.Hardware(8, 16 * GIB, 500 * GIB, "NVMe", 1000, null),
                new RegisterNodeCommand.Location("DE", "eu-central"), WALLET, PUBLIC_KEY);
    }

    @Test
    void registersAValidNodeAsInactive() {
        fixture.givenNoPriorActivity()
                .when(valid())
                .expectSuccessfulHandlerExecution()
                .expectEvents(NodeRegistered.newBuilder()
                        .setNodeId("node_alpha_01").setName("alpha-01").setNodeType(NodeType.worker)
                        .setHardware(io.lucid.events.node.NodeHardware.newBuilder().setCpuCores(8).setMemoryBytes(16 * GIB)
                                .setStorageBytes(500 * GIB).setStorageType(StorageType.NVMe).setNetworkMbps(1000).build())
                        .setLocation(io.lucid.events.node.NodeLocation.newBuilder().setCountry("DE").setRegion("eu-central").build())
                        .setWalletAddress(WALLET).setPublicKey(PUBLIC_KEY).setRegisteredAt(NOW)
                        .build())
                .expectState(node -> assertThat(node.status()).isEqualTo(NodeStatus.INACTIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_a", "alpha_node_01", "node_has space", "node_dot.ted", "node_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void rejectsNodeIdOutsideItsPatternOrLength(String nodeId) {
        rejected(c -> with(c, nodeId, c.name()), "node_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_system_01", "node_admin_01", "node_test_01"})
    void rejectsReservedNodeIdPrefixes(String nodeId) {
        rejected(c -> with(c, nodeId, c.name()), "node_id", "reserved_prefix");
    }

    @Test
    void acceptsNodeIdOfExactlyEightAndSixtyFourCharacters() {
        fixture.givenNoPriorActivity().when(with(valid(), "node_abc", "eight")).expectSuccessfulHandlerExecution();
        setUp();
        fixture.givenNoPriorActivity().when(with(valid(), "node_" + "y".repeat(59), "sixty-four")).expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "dot.name", "ünï"})
    void rejectsNameOutsideItsPatternOrLength(String name) {
        rejected(c -> with(c, c.nodeId(), name), "name");
    }

    @Test
    void rejectsNameLongerThanOneHundredCharacters() {
        rejected(c -> with(c, c.nodeId(), "n".repeat(101)), "name", "invalid_length");
    }

    @Test
    void rejectsUnknownNodeType() {
        rejected(c -> new RegisterNodeCommand(c.nodeId(), c.name(), "miner", c.hardware(), c.location(), c.walletAddress(), c.publicKey()),
                "node_type", "unknown_value");
    }

    @Test
    void rejectsHardwareBelowTheMinimum() {
        rejected(c -> withHardware(c, new RegisterNodeCommand.Hardware(0, 2 * GIB - 1, 20 * GIB - 1, "SSD", 9, null)),
                "hardware.cpu_cores", "hardware.memory_bytes", "hardware.storage_bytes", "hardware.network_mbps");
    }

    @Test
    void rejectsHardwareAboveTheMaximum() {
        rejected(c -> withHardware(c, new RegisterNodeCommand.Hardware(129, 1024 * GIB + 1, 100 * 1024 * GIB + 1, "SSD", 100_001, null)),
                "hardware.cpu_cores", "hardware.memory_bytes", "hardware.storage_bytes", "hardware.network_mbps");
    }

    @Test
    void acceptsHardwareExactlyAtTheBounds() {
        fixture.givenNoPriorActivity()
                .when(withHardware(valid(), new RegisterNodeCommand.Hardware(1, 2 * GIB, 20 * GIB, "HDD", 10, null)))
                .expectSuccessfulHandlerExecution();
        setUp();
        fixture.givenNoPriorActivity()
                .when(withHardware(valid(), new RegisterNodeCommand.Hardware(128, 1024 * GIB, 100 * 1024 * GIB, "SSD", 100_000, "A100")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void rejectsUnknownStorageType() {
        rejected(c -> withHardware(c, new RegisterNodeCommand.Hardware(8, 16 * GIB, 500 * GIB, "tape", 1000, null)),
                "hardware.storage_type", "unknown_value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "XX", "DEU"})
    void rejectsCountryThatIsNotIso3166Alpha2(String country) {
        rejected(c -> new RegisterNodeCommand(c.nodeId(), c.name(), c.nodeType(), c.hardware(),
                new RegisterNodeCommand.Location(country, null), c.walletAddress(), c.publicKey()), "location.country");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgZ", // last character changed: checksum fails
        "AT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz", // not starting with T
        "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsg", // 33 characters
        "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWs0z", // 0 is not base58
        "0x8ba1f109551bD432803012645Ac136ddd64DBA72" // an Ethereum address
    })
    void rejectsWalletThatIsNotAValidTronAddress(String wallet) {
        rejected(c -> new RegisterNodeCommand(c.nodeId(), c.name(), c.nodeType(), c.hardware(), c.location(), wallet, c.publicKey()),
                "wallet_address", "invalid_tron_address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAEC", "not base64!", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ=="})
    void rejectsPublicKeyThatIsNotThirtyTwoBytes(String key) {
        rejected(c -> new RegisterNodeCommand(c.nodeId(), c.name(), c.nodeType(), c.hardware(), c.location(), c.walletAddress(), key),
                "public_key", "invalid_public_key");
    }

    @Test
    void namesEveryMissingField() {
        rejected(c -> new RegisterNodeCommand(null, null, null, null, null, null, null),
                "node_id", "name", "node_type", "hardware", "location", "wallet_address", "public_key");
    }

    @Test
    void rejectsANodeIdThatIsAlreadyRegistered() {
        claims.taken.put("node_alpha_01", "other-name");
        fixture.givenNoPriorActivity().when(valid())
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("node node_alpha_01 is already registered");
    }

    @Test
    void rejectsANameTakenByAnotherNode() {
        claims.taken.put("node_other_01", "alpha-01");
        fixture.givenNoPriorActivity().when(valid())
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the name alpha-01 is taken by another node");
    }

    /** The command is refused with 422, names {@code field} with error {@code code}, stores nothing and claims nothing. */
    private void rejected(UnaryOperator<RegisterNodeCommand> change, String field, String code) {
        CommandRejectedException e = rejectedWith(change.apply(valid()));
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.code()).isEqualTo(code);
        });
    }

    /** The command is refused with 422 naming at least these fields, stores nothing and claims nothing. */
    private void rejected(UnaryOperator<RegisterNodeCommand> change, String... fields) {
        CommandRejectedException e = rejectedWith(change.apply(valid()));
        assertThat(e.errors()).extracting(error -> error.field()).contains(fields);
    }

    private CommandRejectedException rejectedWith(RegisterNodeCommand command) {
        fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(CommandRejectedException.class);
        assertThat(claims.taken).isEmpty();
        CommandRejectedException e = (CommandRejectedException) captured(command);
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("validation_failed");
        return e;
    }

    private static Throwable captured(RegisterNodeCommand command) {
        try {
            new Node(command, new InMemoryClaims(), Clock.fixed(NOW, ZoneOffset.UTC));
            return null;
        } catch (CommandRejectedException e) {
            return e;
        }
    }

    private static RegisterNodeCommand with(RegisterNodeCommand c, String nodeId, String name) {
        return new RegisterNodeCommand(nodeId, name, c.nodeType(), c.hardware(), c.location(), c.walletAddress(), c.publicKey());
    }

    private static RegisterNodeCommand withHardware(RegisterNodeCommand c, RegisterNodeCommand.Hardware hardware) {
        return new RegisterNodeCommand(c.nodeId(), c.name(), c.nodeType(), hardware, c.location(), c.walletAddress(), c.publicKey());
    }

    /** Claims on a map: the unit-test stand-in for the node_claim table. */
    static final class InMemoryClaims implements NodeClaims {
        final Map<String, String> taken = new HashMap<>();

        @Override
        public Outcome claim(String nodeId, String name) {
            if (taken.containsKey(nodeId)) {
                return Outcome.NODE_ID_TAKEN;
            }
            if (taken.containsValue(name)) {
                return Outcome.NAME_TAKEN;
            }
            taken.put(nodeId, name);
            return Outcome.GRANTED;
        }
    }
}
