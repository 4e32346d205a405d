package io.lucid.command.payout;

import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
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

/** The payout lifecycle of DOMAIN.md section 5, one rule or transition per test. */
class PayoutTest {

    static final String NODE = "node_alpha_01";
    static final String ID = "payout_812_" + NODE;
    static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";
    static final Instant EARLIER = Instant.parse("2026-11-21T02:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final long GROSS = 25_000_000;
    static final long FEE = 250_000;

    private AggregateTestFixture<Payout> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payout.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static CreatePayoutCommand create() {
        return new CreatePayoutCommand(ID, 812, NODE, GROSS, FEE, GROSS - FEE, WALLET);
    }

    static PayoutCreated created(Instant at) {
        return PayoutCreated.newBuilder().setPayoutId(ID).setEpoch(812).setNodeId(NODE).setWalletAddress(WALLET)
                .setGross(GROSS).setFee(FEE).setNet(GROSS - FEE).setCreatedAt(at).build();
    }

    /** The events that bring a payout into {@code status}, with {@code failures} failed attempts behind it. */
    static List<Object> history(PayoutStatus status, int failures) {
        List<Object> events = new ArrayList<>(List.of(created(EARLIER)));
        for (int attempt = 1; attempt <= failures; attempt++) {
            events.add(new PayoutStarted(ID, EARLIER));
            events.add(new PayoutFailed(ID, "node wallet unreachable", attempt, EARLIER));
            if (attempt < failures || status != PayoutStatus.FAILED) {
                events.add(new PayoutRetried(ID, attempt + 1, EARLIER));
            }
        }
        switch (status) {
            case PENDING, FAILED -> {
            }
            case PROCESSING -> events.add(new PayoutStarted(ID, EARLIER));
            case COMPLETED -> {
                events.add(new PayoutStarted(ID, EARLIER));
                events.add(new PayoutCompleted(ID, "abc123", EARLIER));
            }
            case CANCELLED -> events.add(new PayoutCancelled(ID, NODE, GROSS, null, EARLIER));
        }
        return events;
    }

    static List<Object> history(PayoutStatus status) {
        return history(status, status == PayoutStatus.FAILED ? 1 : 0);
    }

    private void illegal(PayoutStatus from, Object command) {
        fixture.given(history(from)).when(command)
                .expectNoEvents()
                .expectException(with(409, "illegal_transition", "payout " + ID + " is " + from));
    }

    @Test
    void aCalculationCreatesAPendingPayout() {
        fixture.givenNoPriorActivity().when(create())
                .expectEvents(created(NOW))
                .expectResultMessagePayload(PayoutStatus.PENDING)
                .expectState(payout -> assertThat(payout.status()).isEqualTo(PayoutStatus.PENDING));
    }

    @ParameterizedTest
    @EnumSource(PayoutStatus.class)
    void creatingAnExistingPayoutIsANoOp(PayoutStatus status) {
        fixture.given(history(status)).when(create())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(status);
    }

    @Test
    void refusesACalculationWhoseIdDoesNotNameItsEpochAndNode() {
        fixture.givenNoPriorActivity().when(new CreatePayoutCommand(ID, 813, NODE, GROSS, FEE, GROSS - FEE, WALLET))
                .expectNoEvents().expectException(invalidField("payout_id", "invalid_format"));
    }

    @Test
    void refusesACalculationWhereNetIsNotGrossMinusFee() {
        fixture.givenNoPriorActivity().when(new CreatePayoutCommand(ID, 812, NODE, GROSS, FEE, GROSS, WALLET))
                .expectNoEvents().expectException(invalidField("net", "inconsistent"));
    }

    @Test
    void refusesANonPositiveGrossAndAFeeAboveIt() {
        fixture.givenNoPriorActivity().when(new CreatePayoutCommand(ID, 812, NODE, 0, 1, -1, WALLET))
                .expectNoEvents().expectException(invalid("gross", "fee"));
    }

    @Test
    void startingMovesPendingToProcessing() {
        fixture.given(history(PayoutStatus.PENDING)).when(new StartPayoutCommand(ID))
                .expectEvents(new PayoutStarted(ID, NOW))
                .expectResultMessagePayload(PayoutStatus.PROCESSING);
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"PROCESSING", "COMPLETED", "FAILED", "CANCELLED"})
    void startsOnlyAPendingPayout(PayoutStatus from) {
        illegal(from, new StartPayoutCommand(ID));
    }

    @Test
    void completingRecordsTheTransactionHash() {
        fixture.given(history(PayoutStatus.PROCESSING)).when(new CompletePayoutCommand(ID, "7c2a9f"))
                .expectEvents(new PayoutCompleted(ID, "7c2a9f", NOW))
                .expectResultMessagePayload(PayoutStatus.COMPLETED);
    }

    @Test
    void completingNeedsATransactionHash() {
        fixture.given(history(PayoutStatus.PROCESSING)).when(new CompletePayoutCommand(ID, null))
                .expectNoEvents().expectException(invalidField("tx_hash", "required"));
        setUp();
        fixture.given(history(PayoutStatus.PROCESSING)).when(new CompletePayoutCommand(ID, "has space"))
                .expectNoEvents().expectException(invalidField("tx_hash", "invalid_format"));
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"PENDING", "COMPLETED", "FAILED", "CANCELLED"})
    void completesOnlyAProcessingPayout(PayoutStatus from) {
        illegal(from, new CompletePayoutCommand(ID, "7c2a9f"));
    }

    @Test
    void failingRecordsTheReasonAndTheAttempt() {
        fixture.given(history(PayoutStatus.PROCESSING)).when(new FailPayoutCommand(ID, "insufficient energy"))
                .expectEvents(new PayoutFailed(ID, "insufficient energy", 1, NOW))
                .expectResultMessagePayload(PayoutStatus.FAILED);
    }

    @Test
    void failingNeedsAReasonOfAtMostFiveHundredCharacters() {
        fixture.given(history(PayoutStatus.PROCESSING)).when(new FailPayoutCommand(ID, null))
                .expectNoEvents().expectException(invalidField("reason", "required"));
        setUp();
        fixture.given(history(PayoutStatus.PROCESSING)).when(new FailPayoutCommand(ID, "r".repeat(501)))
                .expectNoEvents().expectException(invalidField("reason", "invalid_length"));
    }

    @Test
    void aReasonWithControlCharactersIsRefused() {
        fixture.given(history(PayoutStatus.PROCESSING)).when(new FailPayoutCommand(ID, "bad\u0000reason"))
                .expectNoEvents().expectException(invalidField("reason", "invalid_characters"));
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"PENDING", "COMPLETED", "FAILED", "CANCELLED"})
    void failsOnlyAProcessingPayout(PayoutStatus from) {
        illegal(from, new FailPayoutCommand(ID, "x"));
    }

    @Test
    void cancellingAPendingPayoutReturnsTheGross() {
        fixture.given(history(PayoutStatus.PENDING)).when(new CancelPayoutCommand(ID, "wallet under review"))
                .expectEvents(new PayoutCancelled(ID, NODE, GROSS, "wallet under review", NOW))
                .expectResultMessagePayload(PayoutStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"PROCESSING", "COMPLETED", "FAILED", "CANCELLED"})
    void cancelsOnlyAPendingPayout(PayoutStatus from) {
        illegal(from, new CancelPayoutCommand(ID, null));
    }

    @Test
    void aRetriedPayoutIsPendingAgainWithTheNextAttempt() {
        fixture.given(history(PayoutStatus.FAILED, 1)).when(new RetryPayoutCommand(ID))
                .expectEvents(new PayoutRetried(ID, 2, NOW))
                .expectResultMessagePayload(PayoutStatus.PENDING)
                .expectState(payout -> assertThat(payout.attempt()).isEqualTo(2));
    }

    @Test
    void aFailedPayoutMayBeRetriedThreeTimes() {
        fixture.given(history(PayoutStatus.FAILED, 3)).when(new RetryPayoutCommand(ID))
                .expectEvents(new PayoutRetried(ID, 4, NOW));
    }

    @Test
    void aFourthRetryIsRefusedWith422() {
        fixture.given(history(PayoutStatus.FAILED, 4)).when(new RetryPayoutCommand(ID))
                .expectNoEvents()
                .expectException(with(422, "retry_limit_reached"));
    }

    @Test
    void theFourthAttemptFailsAsAttemptFour() {
        List<Object> events = history(PayoutStatus.PENDING, 3);
        events.add(new PayoutStarted(ID, EARLIER));
        fixture.given(events).when(new FailPayoutCommand(ID, "again"))
                .expectEvents(new PayoutFailed(ID, "again", 4, NOW));
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"PENDING", "PROCESSING", "COMPLETED", "CANCELLED"})
    void retriesOnlyAFailedPayout(PayoutStatus from) {
        illegal(from, new RetryPayoutCommand(ID));
    }

    @Test
    void aCommandForAnUnknownPayoutFindsNoAggregate() {
        fixture.givenNoPriorActivity().when(new StartPayoutCommand(ID))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
