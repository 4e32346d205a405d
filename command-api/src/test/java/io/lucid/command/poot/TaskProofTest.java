package io.lucid.command.poot;

import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.node.NodeDirectory;
import io.lucid.command.node.NodeStatus;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.StorageAvailability;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.poot.UptimeBeacon;
import io.lucid.events.poot.ValidationSignature;
import io.lucid.schemas.poot.PootTimeBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of SubmitTaskProof (DOMAIN.md section 5), one per test, with real Ed25519 signatures. */
class TaskProofTest {

    static final String NODE = "node_alpha_01";
    static final Instant NOW = Instant.parse("2026-11-21T08:00:30Z");
    static final PootTimeBase TIME_BASE = PootTimeBase.defaults();
    static final long CURRENT = TIME_BASE.slotAt(NOW);
    static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";

    private final ProofKeys keys = new ProofKeys();
    private final Map<String, NodeDirectory.Entry> nodes = new HashMap<>();
    private AggregateTestFixture<TaskProof> fixture;

    @BeforeEach
    void setUp() {
        nodes.put(NODE, new NodeDirectory.Entry(NODE, NodeStatus.ACTIVE, keys.publicKey(), WALLET));
        fixture = fixtureAt(NOW);
    }

    private AggregateTestFixture<TaskProof> fixtureAt(Instant now) {
        return fixtureAt(now, TIME_BASE, Duration.ofHours(2));
    }

    private AggregateTestFixture<TaskProof> fixtureAt(Instant now, PootTimeBase timeBase, Duration closeGrace) {
        AggregateTestFixture<TaskProof> at = new AggregateTestFixture<>(TaskProof.class);
        at.registerInjectableResource(new ProofAdmission(id -> Optional.ofNullable(nodes.get(id)), timeBase, closeGrace,
                Clock.fixed(now, ZoneOffset.UTC), new ProofSignatures()));
        return at;
    }

    /** A proof signed by the node's key over the text DOMAIN.md prescribes, spelled out here independently. */
    SubmitTaskProofCommand signed(long slot, String type, ProofValue value, String text) {
        return new SubmitTaskProofCommand(NODE, slot, type, value, keys.sign(text));
    }

    SubmitTaskProofCommand relay(long slot, long bytes, long sessions) {
        return signed(slot, "relay_bandwidth", new ProofValue(bytes, sessions, null, null, null, null),
                NODE + ":" + slot + ":relay_bandwidth:" + bytes + ":" + sessions);
    }

    static TaskProofSubmitted.Builder event(long slot, ProofType type, String signature) {
        return TaskProofSubmitted.newBuilder().setProofId(NODE + ":" + slot + ":" + type.name()).setNodeId(NODE)
                .setSlot(slot).setEpoch(slot / 720).setProofType(type).setSignature(signature).setSubmittedAt(NOW);
    }

    @Test
    void acceptsASignedRelayBandwidthProof() {
        SubmitTaskProofCommand proof = relay(CURRENT, 10_485_760, 3);
        fixture.givenNoPriorActivity().when(proof)
                .expectEvents(event(CURRENT, ProofType.relay_bandwidth, proof.signature())
                        .setRelayBandwidth(new RelayBandwidth(10_485_760L, 3L)).build())
                .expectResultMessagePayload(new ProofReceipt(proof.proofId(), NODE, CURRENT, CURRENT / 720,
                        "relay_bandwidth", NOW, true));
    }

    @Test
    void acceptsAStorageAvailabilityProofSignedOverBothValues() {
        SubmitTaskProofCommand proof = signed(CURRENT, "storage_availability", new ProofValue(null, null, 12L, 3_221_225_472L, null, null),
                NODE + ":" + CURRENT + ":storage_availability:12:3221225472");
        fixture.givenNoPriorActivity().when(proof)
                .expectEvents(event(CURRENT, ProofType.storage_availability, proof.signature())
                        .setStorageAvailability(new StorageAvailability(12L, 3_221_225_472L)).build());
    }

    @Test
    void aProofWithOneValueIsSignedWithoutATrailingColon() {
        SubmitTaskProofCommand proof = signed(CURRENT, "validation_signature", new ProofValue(null, null, null, null, 4L, null),
                NODE + ":" + CURRENT + ":validation_signature:4");
        fixture.givenNoPriorActivity().when(proof)
                .expectEvents(event(CURRENT, ProofType.validation_signature, proof.signature())
                        .setValidationSignature(new ValidationSignature(4L)).build());
        setUp();
        SubmitTaskProofCommand trailing = signed(CURRENT, "validation_signature", new ProofValue(null, null, null, null, 4L, null),
                NODE + ":" + CURRENT + ":validation_signature:4:");
        fixture.givenNoPriorActivity().when(trailing).expectNoEvents().expectException(with(401, "invalid_signature"));
    }

    @Test
    void acceptsAnUptimeBeaconOfExactlyTheSlotLength() {
        SubmitTaskProofCommand proof = signed(CURRENT, "uptime_beacon", new ProofValue(null, null, null, null, null, 120L),
                NODE + ":" + CURRENT + ":uptime_beacon:120");
        fixture.givenNoPriorActivity().when(proof)
                .expectEvents(event(CURRENT, ProofType.uptime_beacon, proof.signature())
                        .setUptimeBeacon(new UptimeBeacon(120L)).build());
    }

    @Test
    void rejectsAnUptimeBeaconLongerThanTheSlot() {
        SubmitTaskProofCommand proof = signed(CURRENT, "uptime_beacon", new ProofValue(null, null, null, null, null, 121L),
                NODE + ":" + CURRENT + ":uptime_beacon:121");
        fixture.givenNoPriorActivity().when(proof).expectNoEvents()
                .expectException(invalidField("value.uptime_seconds", "out_of_range"));
    }

    @Test
    void sessionsRelayedDefaultsToOneAndIsSignedAsOne() {
        SubmitTaskProofCommand proof = signed(CURRENT, "relay_bandwidth", new ProofValue(5L, null, null, null, null, null),
                NODE + ":" + CURRENT + ":relay_bandwidth:5:1");
        fixture.givenNoPriorActivity().when(proof)
                .expectEvents(event(CURRENT, ProofType.relay_bandwidth, proof.signature())
                        .setRelayBandwidth(new RelayBandwidth(5L, 1L)).build());
    }

    @Test
    void rejectsFewerThanOneSessionRelayed() {
        fixture.givenNoPriorActivity().when(relay(CURRENT, 5, 0)).expectNoEvents()
                .expectException(invalidField("value.sessions_relayed", "out_of_range"));
    }

    @Test
    void rejectsNegativeValues() {
        SubmitTaskProofCommand proof = signed(CURRENT, "storage_availability", new ProofValue(null, null, -1L, -5L, null, null),
                NODE + ":" + CURRENT + ":storage_availability:-1:-5");
        fixture.givenNoPriorActivity().when(proof).expectNoEvents()
                .expectException(invalid("value.chunks_stored", "value.size_bytes"));
    }

    @Test
    void rejectsValueFieldsOfAnotherType() {
        SubmitTaskProofCommand proof = signed(CURRENT, "validation_signature", new ProofValue(7L, null, null, null, 4L, null),
                NODE + ":" + CURRENT + ":validation_signature:4");
        fixture.givenNoPriorActivity().when(proof).expectNoEvents()
                .expectException(invalidField("value.bytes_transferred", "not_allowed"));
    }

    @Test
    void namesEveryMissingField() {
        fixture.givenNoPriorActivity().when(new SubmitTaskProofCommand(null, null, null, null, null)).expectNoEvents()
                .expectException(invalid("node_id", "slot", "type", "value", "signature"));
    }

    @Test
    void namesTheMissingValuesOfTheType() {
        fixture.givenNoPriorActivity()
                .when(new SubmitTaskProofCommand(NODE, CURRENT, "storage_availability", new ProofValue(null, null, null, null, null, null),
                        keys.sign("x")))
                .expectNoEvents().expectException(invalid("value.chunks_stored", "value.size_bytes"));
    }

    @Test
    void rejectsAnUnknownProofType() {
        fixture.givenNoPriorActivity().when(new SubmitTaskProofCommand(NODE, CURRENT, "mining", new ProofValue(1L, null, null, null, null, null),
                        keys.sign("x")))
                .expectNoEvents().expectException(invalidField("type", "unknown_value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_a", "NODE_alpha_01", "node_has space"})
    void rejectsANodeIdThatIsNotOne(String nodeId) {
        fixture.givenNoPriorActivity().when(new SubmitTaskProofCommand(nodeId, CURRENT, "uptime_beacon",
                        new ProofValue(null, null, null, null, null, 1L), keys.sign("x")))
                .expectNoEvents().expectException(invalidField("node_id", "invalid_format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAEC", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
    void rejectsASignatureThatIsNotSixtyFourBytesOfBase64(String signature) {
        fixture.givenNoPriorActivity().when(new SubmitTaskProofCommand(NODE, CURRENT, "uptime_beacon",
                        new ProofValue(null, null, null, null, null, 1L), signature))
                .expectNoEvents().expectException(invalidField("signature", "invalid_format"));
    }

    @Test
    void rejectsASignatureByAnotherKeyWith401() {
        SubmitTaskProofCommand proof = new SubmitTaskProofCommand(NODE, CURRENT, "relay_bandwidth",
                new ProofValue(100L, 1L, null, null, null, null), new ProofKeys().sign(NODE + ":" + CURRENT + ":relay_bandwidth:100:1"));
        fixture.givenNoPriorActivity().when(proof).expectNoEvents().expectException(with(401, "invalid_signature"));
    }

    @Test
    void rejectsValuesThatDifferFromWhatWasSignedWith401() {
        SubmitTaskProofCommand signedFor100 = relay(CURRENT, 100, 1);
        SubmitTaskProofCommand claims200 = new SubmitTaskProofCommand(NODE, CURRENT, "relay_bandwidth",
                new ProofValue(200L, 1L, null, null, null, null), signedFor100.signature());
        fixture.givenNoPriorActivity().when(claims200).expectNoEvents().expectException(with(401, "invalid_signature"));
    }

    @Test
    void rejectsAProofOfAnUnregisteredNodeWith404() {
        nodes.clear();
        fixture.givenNoPriorActivity().when(relay(CURRENT, 100, 1)).expectNoEvents().expectException(with(404, "node_not_found"));
    }

    @Test
    void rejectsAProofOfADeregisteredNodeWith409() {
        nodes.put(NODE, new NodeDirectory.Entry(NODE, NodeStatus.DEREGISTERED, keys.publicKey(), WALLET));
        fixture.givenNoPriorActivity().when(relay(CURRENT, 100, 1)).expectNoEvents().expectException(with(409, "node_deregistered"));
    }

    @ParameterizedTest
    @EnumSource(value = NodeStatus.class, names = {"INACTIVE", "ACTIVE", "MAINTENANCE"})
    void acceptsProofsOfARegisteredNodeInAnyStateButDeregistered(NodeStatus status) {
        nodes.put(NODE, new NodeDirectory.Entry(NODE, status, keys.publicKey(), WALLET));
        fixture.givenNoPriorActivity().when(relay(CURRENT, 100, 1)).expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(longs = {-30, -1, 0, 1})
    void acceptsSlotsFromThirtyBeforeToOneAfterTheCurrentSlot(long offset) {
        fixture.givenNoPriorActivity().when(relay(CURRENT + offset, 100, 1)).expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(longs = {-31, 2, -100_000})
    void rejectsSlotsOutsideTheWindowWith422(long offset) {
        fixture.givenNoPriorActivity().when(relay(CURRENT + offset, 100, 1)).expectNoEvents()
                .expectException(with(422, "slot_out_of_window", "the current slot is " + CURRENT));
    }

    @Test
    void aProofOfAnEpochThatHasClosedIs422EpochClosedEvenInsideTheSlotWindow() {
        // 10-slot epochs and a grace of one slot: the last slot of the previous epoch is 3 slots back (inside the
        // window) but its epoch closed a slot after it ended.
        PootTimeBase shortEpochs = new PootTimeBase(TIME_BASE.genesis(), TIME_BASE.slotLength(), 10);
        long current = shortEpochs.slotAt(NOW);
        long epochStart = current - Math.floorMod(current, 10);
        Instant now = shortEpochs.slotStart(epochStart + 2);
        fixtureAt(now, shortEpochs, TIME_BASE.slotLength()).givenNoPriorActivity().when(relay(epochStart - 1, 100, 1))
                .expectNoEvents()
                .expectException(with(422, "epoch_closed", "epoch " + (epochStart / 10 - 1)));
        fixtureAt(now, shortEpochs, TIME_BASE.slotLength()).givenNoPriorActivity().when(relay(epochStart, 100, 1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theWindowFollowsTheClockAcrossASlotBoundary() {
        Instant lastMilliOfSlot = TIME_BASE.slotStart(CURRENT + 1).minusMillis(1);
        fixtureAt(lastMilliOfSlot).givenNoPriorActivity().when(relay(CURRENT + 2, 100, 1)).expectNoEvents()
                .expectException(with(422, "slot_out_of_window"));
        fixtureAt(lastMilliOfSlot.plusMillis(1)).givenNoPriorActivity().when(relay(CURRENT + 2, 100, 1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aByteIdenticalResubmissionIsAnIdempotentSuccessWithTheFirstReceipt() {
        SubmitTaskProofCommand proof = relay(CURRENT, 100, 1);
        Instant firstAcceptedAt = NOW.minusSeconds(90);
        fixture.given(event(CURRENT, ProofType.relay_bandwidth, proof.signature())
                        .setRelayBandwidth(new RelayBandwidth(100L, 1L)).setSubmittedAt(firstAcceptedAt).build())
                .when(proof)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ProofReceipt(proof.proofId(), NODE, CURRENT, CURRENT / 720,
                        "relay_bandwidth", firstAcceptedAt, false));
    }

    @Test
    void aResubmissionSpellingOutTheDefaultIsTheSameProof() {
        SubmitTaskProofCommand proof = signed(CURRENT, "relay_bandwidth", new ProofValue(100L, null, null, null, null, null),
                NODE + ":" + CURRENT + ":relay_bandwidth:100:1");
        fixture.given(event(CURRENT, ProofType.relay_bandwidth, proof.signature()).setRelayBandwidth(new RelayBandwidth(100L, 1L)).build())
                .when(new SubmitTaskProofCommand(NODE, CURRENT, "relay_bandwidth", new ProofValue(100L, 1L, null, null, null, null),
                        proof.signature()))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anotherProofForTheSameNodeSlotAndTypeIsA409() {
        SubmitTaskProofCommand first = relay(CURRENT, 100, 1);
        fixture.given(event(CURRENT, ProofType.relay_bandwidth, first.signature()).setRelayBandwidth(new RelayBandwidth(100L, 1L)).build())
                .when(relay(CURRENT, 200, 1))
                .expectNoEvents()
                .expectException(with(409, "proof_conflict"));
    }

    @Test
    void anIdenticalResubmissionSucceedsEvenAfterTheSlotLeftTheWindow() {
        long old = CURRENT - 100;
        SubmitTaskProofCommand proof = relay(old, 100, 1);
        fixture.given(event(old, ProofType.relay_bandwidth, proof.signature()).setRelayBandwidth(new RelayBandwidth(100L, 1L)).build())
                .when(proof)
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void theProofIdNamesNodeSlotAndType() {
        assertThat(relay(42, 1, 1).proofId()).isEqualTo(NODE + ":42:relay_bandwidth");
        fixture.givenNoPriorActivity().when(relay(CURRENT, 1, 1))
                .expectState(proof -> assertThat(proof.submitted().getProofId()).isEqualTo(NODE + ":" + CURRENT + ":relay_bandwidth"));
    }
}
