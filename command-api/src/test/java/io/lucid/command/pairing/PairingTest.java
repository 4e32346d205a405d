package io.lucid.command.pairing;

import static io.lucid.command.pairing.Rejections.fieldRejection;
import static io.lucid.command.pairing.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DevicePlatform;
import io.lucid.events.pairing.PairingAttemptFailed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingExpired;
import io.lucid.events.pairing.PairingLocked;
import io.lucid.events.pairing.PairingStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule and transition of the Pairing aggregate (DOMAIN.md section 1), on Axon's given/when/then fixture. */
class PairingTest {

    static final Instant STARTED = Instant.parse("2026-11-21T08:00:00Z");
    static final String PAIRING = "6f1c2a34-8d5e-4b7a-9c0d-1e2f3a4b5c6d";
    static final String DEVICE = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String TOKEN_ID = "7d6c5b4a-3928-4716-9504-a3b2c1d0e9f8";
    static final String TOKEN = "q4kX9tM2vB7nR1sD8fG3hJ6kL0pZ5wE2yU4iO7aS1dF";
    static final String WS = "ws://127.0.0.1:8082/ws";

    private final InMemoryDeadlines deadlines = new InMemoryDeadlines();

    /** A fixture whose clock reads {@code now}. */
    private AggregateTestFixture<Pairing> fixtureAt(Instant now) {
        AggregateTestFixture<Pairing> fixture = new AggregateTestFixture<>(Pairing.class);
        fixture.registerInjectableResource(PairingSettings.defaults());
        fixture.registerInjectableResource(deadlines);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        return fixture;
    }

    static PairingStarted started() {
        return PairingStarted.newBuilder().setPairingId(PAIRING).setWebsocketUrl(WS)
                .setTempTokenSha256(TempTokens.sha256Hex(TOKEN)).setExpirySeconds(300)
                .setStartedAt(STARTED).setExpiresAt(STARTED.plusSeconds(300)).build();
    }

    static StartPairingCommand start(Integer expirySeconds) {
        return new StartPairingCommand(PAIRING, WS, TempTokens.sha256Hex(TOKEN), expirySeconds, STARTED);
    }

    static CompletePairingCommand complete(String token) {
        return new CompletePairingCommand(PAIRING, token, "Annas phone", "ios", "198.51.100.7", DEVICE, TOKEN_ID);
    }

    static PairingAttemptFailed failed(int attempt, Instant at) {
        return PairingAttemptFailed.newBuilder().setPairingId(PAIRING).setAttempt(attempt).setRemainingAttempts(5 - attempt)
                .setClientIp("198.51.100.7").setFailedAt(at).build();
    }

    private static List<Object> failures(int count) {
        List<Object> events = new ArrayList<>();
        events.add(started());
        for (int i = 1; i <= count; i++) {
            events.add(failed(i, STARTED.plusSeconds(i)));
        }
        return events;
    }

    @Test
    void startRecordsOnlyTheHashOfTheTemporaryTokenAndSchedulesTheExpiry() {
        fixtureAt(STARTED).givenNoPriorActivity()
                .when(start(null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started())
                .expectState(pairing -> assertThat(pairing.status()).isEqualTo(PairingStatus.OPEN));
        assertThat(deadlines.scheduled).containsEntry(PAIRING, STARTED.plusSeconds(300));
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 900})
    void expiryMayBeOneToFifteenMinutes(int seconds) {
        fixtureAt(STARTED).givenNoPriorActivity()
                .when(start(seconds))
                .expectEvents(PairingStarted.newBuilder(started()).setExpirySeconds(seconds)
                        .setExpiresAt(STARTED.plusSeconds(seconds)).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 59, 901, -5})
    void rejectsAnExpiryOutsideOneToFifteenMinutes(int seconds) {
        rejected(fixtureAt(STARTED).givenNoPriorActivity().when(start(seconds)), 422, "validation_failed");
    }

    @Test
    void theRightTokenCompletesThePairingAndCreatesTheDevice() {
        Instant now = STARTED.plusSeconds(30);
        fixtureAt(now).given(started())
                .when(complete(TOKEN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        PairingCompleted.newBuilder().setPairingId(PAIRING).setDeviceId(DEVICE).setCompletedAt(now).build(),
                        DevicePaired.newBuilder().setDeviceId(DEVICE).setPairingId(PAIRING).setName("Annas phone")
                                .setPlatform(DevicePlatform.ios).setTokenId(TOKEN_ID)
                                .setTokenExpiresAt(now.plus(Duration.ofHours(24))).setPairedAt(now).build())
                .expectResultMessagePayload(new PairingCompletion.Paired(DEVICE, "Annas phone", "ios", now, TOKEN_ID,
                        now.plus(Duration.ofHours(24))))
                .expectState(pairing -> assertThat(pairing.status()).isEqualTo(PairingStatus.COMPLETED));
        assertThat(deadlines.scheduled).doesNotContainKey(PAIRING);
    }

    @Test
    void aWrongTokenIsRecordedAsAFailedAttemptAndAnswered401() {
        Instant now = STARTED.plusSeconds(30);
        fixtureAt(now).given(started())
                .when(complete("not-the-token"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed(1, now))
                .expectResultMessagePayload(new PairingCompletion.TokenRejected(1, 4, false))
                .expectState(pairing -> assertThat(pairing.status()).isEqualTo(PairingStatus.OPEN));
    }

    @Test
    void theFifthWrongTokenLocksThePairing() {
        Instant now = STARTED.plusSeconds(30);
        fixtureAt(now).given(failures(4))
                .when(complete("still-wrong"))
                .expectEvents(failed(5, now),
                        PairingLocked.newBuilder().setPairingId(PAIRING).setFailedAttempts(5).setLockedAt(now).build())
                .expectResultMessagePayload(new PairingCompletion.TokenRejected(5, 0, true))
                .expectState(pairing -> assertThat(pairing.status()).isEqualTo(PairingStatus.LOCKED));
    }

    @Test
    void aLockedPairingIs409ForGoodEvenWithTheRightToken() {
        List<Object> history = failures(5);
        history.add(PairingLocked.newBuilder().setPairingId(PAIRING).setFailedAttempts(5).setLockedAt(STARTED.plusSeconds(5)).build());
        rejected(fixtureAt(STARTED.plusSeconds(60)).given(history).when(complete(TOKEN)), 409, "pairing_locked");
        rejected(fixtureAt(STARTED.plusSeconds(60)).given(history).when(complete("wrong")), 409, "pairing_locked");
    }

    @Test
    void aUsedPairingIs409AndRecordsNothing() {
        PairingCompleted completed = PairingCompleted.newBuilder().setPairingId(PAIRING).setDeviceId(DEVICE)
                .setCompletedAt(STARTED.plusSeconds(10)).build();
        rejected(fixtureAt(STARTED.plusSeconds(20)).given(started(), completed).when(complete(TOKEN)), 409,
                "pairing_already_completed");
        rejected(fixtureAt(STARTED.plusSeconds(20)).given(started(), completed).when(complete("wrong")), 409,
                "pairing_already_completed");
    }

    @Test
    void anExpiredPairingIs410AndRecordsNothingEvenForAWrongToken() {
        Instant late = STARTED.plusSeconds(300);
        rejected(fixtureAt(late).given(started()).when(complete(TOKEN)), 410, "pairing_expired");
        rejected(fixtureAt(late).given(started()).when(complete("wrong")), 410, "pairing_expired");
    }

    @Test
    void aSweptPairingIs410() {
        PairingExpired expired = PairingExpired.newBuilder().setPairingId(PAIRING).setExpiresAt(STARTED.plusSeconds(300))
                .setExpiredAt(STARTED.plusSeconds(301)).build();
        rejected(fixtureAt(STARTED.plusSeconds(400)).given(started(), expired).when(complete(TOKEN)), 410, "pairing_expired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "semi;colon", "emoji \uD83D\uDE00",
            "tab\tname", "dot.name"})
    void rejectsADeviceNameOutsideItsPattern(String name) {
        CompletePairingCommand command = new CompletePairingCommand(PAIRING, TOKEN, name, "android", null, DEVICE, TOKEN_ID);
        rejectedField(fixtureAt(STARTED).given(started()).when(command), "device_info.name");
    }

    @Test
    void acceptsADeviceNameOfFiftyAllowedCharacters() {
        String name = "Ab 0_-".repeat(8) + "xy";
        fixtureAt(STARTED).given(started())
                .when(new CompletePairingCommand(PAIRING, TOKEN, name, "desktop", null, DEVICE, TOKEN_ID))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows", "IOS", "unknown", ""})
    void rejectsAnUnknownPlatform(String platform) {
        CompletePairingCommand command = new CompletePairingCommand(PAIRING, TOKEN, "phone", platform, null, DEVICE, TOKEN_ID);
        rejectedField(fixtureAt(STARTED).given(started()).when(command), "device_info.platform");
    }

    @Test
    void rejectsAMissingTokenAndDeviceInfoNamingEveryField() {
        CompletePairingCommand command = new CompletePairingCommand(PAIRING, null, null, null, null, DEVICE, TOKEN_ID);
        fixtureAt(STARTED).given(started()).when(command)
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("3 fields"));
    }

    @Test
    void theSweepExpiresAnOpenPairingPastItsExpiry() {
        Instant now = STARTED.plusSeconds(305);
        deadlines.schedule(PAIRING, STARTED.plusSeconds(300));
        fixtureAt(now).given(started())
                .when(new ExpirePairingCommand(PAIRING))
                .expectEvents(PairingExpired.newBuilder().setPairingId(PAIRING).setExpiresAt(STARTED.plusSeconds(300))
                        .setExpiredAt(now).build())
                .expectResultMessagePayload(true)
                .expectState(pairing -> assertThat(pairing.status()).isEqualTo(PairingStatus.EXPIRED));
        assertThat(deadlines.scheduled).doesNotContainKey(PAIRING);
    }

    @Test
    void theSweepLeavesAPairingBeforeItsExpiryOpen() {
        deadlines.schedule(PAIRING, STARTED.plusSeconds(300));
        fixtureAt(STARTED.plusSeconds(299)).given(started())
                .when(new ExpirePairingCommand(PAIRING))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        assertThat(deadlines.scheduled).containsKey(PAIRING);
    }

    @Test
    void theSweepIsIdempotent() {
        PairingExpired expired = PairingExpired.newBuilder().setPairingId(PAIRING).setExpiresAt(STARTED.plusSeconds(300))
                .setExpiredAt(STARTED.plusSeconds(301)).build();
        fixtureAt(STARTED.plusSeconds(600)).given(started(), expired)
                .when(new ExpirePairingCommand(PAIRING))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theSweepNeverExpiresAUsedOrLockedPairing() {
        PairingCompleted completed = PairingCompleted.newBuilder().setPairingId(PAIRING).setDeviceId(DEVICE)
                .setCompletedAt(STARTED.plusSeconds(10)).build();
        deadlines.schedule(PAIRING, STARTED.plusSeconds(300));
        fixtureAt(STARTED.plusSeconds(600)).given(started(), completed)
                .when(new ExpirePairingCommand(PAIRING))
                .expectNoEvents();
        assertThat(deadlines.scheduled).doesNotContainKey(PAIRING);
        List<Object> locked = failures(5);
        locked.add(PairingLocked.newBuilder().setPairingId(PAIRING).setFailedAttempts(5).setLockedAt(STARTED.plusSeconds(5)).build());
        fixtureAt(STARTED.plusSeconds(600)).given(locked).when(new ExpirePairingCommand(PAIRING)).expectNoEvents();
    }

    @Test
    void anIdOfAnotherAggregateIsNotAPairing() {
        DevicePaired device = DevicePaired.newBuilder().setDeviceId(PAIRING).setPairingId(DEVICE).setName("x")
                .setPlatform(DevicePlatform.web).setTokenId(TOKEN_ID).setTokenExpiresAt(STARTED).setPairedAt(STARTED).build();
        // Axon refuses to source a Pairing from a Device's events; the web layer answers that 404 not_found.
        fixtureAt(STARTED).given(device).when(complete(TOKEN)).expectNoEvents().expectException(IncompatibleAggregateException.class);
    }

    private static void rejected(ResultValidator<Pairing> result, int status, String code) {
        result.expectNoEvents().expectException(rejection(status, code));
    }

    private static void rejectedField(ResultValidator<Pairing> result, String field) {
        result.expectNoEvents().expectException(fieldRejection(field));
    }
}
