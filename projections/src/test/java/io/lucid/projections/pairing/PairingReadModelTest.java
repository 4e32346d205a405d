package io.lucid.projections.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DevicePlatform;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import io.lucid.events.pairing.PairingAttemptFailed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingExpired;
import io.lucid.events.pairing.PairingLocked;
import io.lucid.events.pairing.PairingStarted;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.RowBuffer;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PairingReadModelTest {

    private static final String PAIRING_ID = "5b1f6c1e-8f7a-4c55-9d55-2d6a8d0b7e01";
    private static final String DEVICE_ID = "9a0c2f4e-1b3d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String TOKEN_HASH = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";
    private static final String TOKEN_ID = "jti-7c1e0b5a-first";
    private static final String REFRESHED_TOKEN_ID = "jti-1d2e3f4a-second";
    private static final Instant T0 = Instant.parse("2026-03-04T10:00:00.000Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new PairingReadModel());

    @Test
    void aStartedPairingShowsItsUrlExpiryAndStarterButNoTokenHash() {
        fixture.apply(started(), PAIRING_ID, 0, T0);

        PairingView pairing = pairing();
        assertThat(pairing.state()).isEqualTo("STARTED");
        assertThat(pairing.websocketUrl()).isEqualTo("wss://lucid.example/ws");
        assertThat(pairing.expiresAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(pairing.expirySeconds()).isEqualTo(300);
        assertThat(pairing.failedAttempts()).isZero();
        assertThat(pairing.startedBy()).isEqualTo("tester");
        assertThat(pairing.createdAt()).isEqualTo(T0);
        assertThat(pairing.updatedAt()).isEqualTo(T0);
        assertThat(pairing.deviceId()).isNull();
        assertThat(fixture.json(PairingReadModel.PAIRING, PAIRING_ID))
                .contains("\"pairing_id\":\"" + PAIRING_ID + "\"", "\"expires_at\":\"2026-03-04T10:05:00.000Z\"")
                .doesNotContain(TOKEN_HASH)
                .doesNotContain("token");
    }

    @Test
    void failedAttemptsAreCountedAndTheLockEndsThePairing() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(failed(1, 4), PAIRING_ID, 1, T0.plusSeconds(10))
                .apply(failed(2, 3), PAIRING_ID, 2, T0.plusSeconds(20));

        assertThat(pairing().failedAttempts()).isEqualTo(2);
        assertThat(pairing().remainingAttempts()).isEqualTo(3);
        assertThat(pairing().lastFailedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(pairing().state()).isEqualTo("STARTED");

        fixture.apply(new PairingLocked(PAIRING_ID, 5, T0.plusSeconds(50)), PAIRING_ID, 3, T0.plusSeconds(50));

        PairingView locked = pairing();
        assertThat(locked.state()).isEqualTo("LOCKED");
        assertThat(locked.failedAttempts()).isEqualTo(5);
        assertThat(locked.remainingAttempts()).isZero();
        assertThat(locked.endedAt()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void theSweepExpiresAnOpenPairing() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(new PairingExpired(PAIRING_ID, T0.plusSeconds(300), T0.plusSeconds(301)), PAIRING_ID, 1,
                        T0.plusSeconds(301));

        assertThat(pairing().state()).isEqualTo("EXPIRED");
        assertThat(pairing().endedAt()).isEqualTo(T0.plusSeconds(301));
        assertThat(pairing().updatedAt()).isEqualTo(T0.plusSeconds(301));
    }

    @Test
    void aCompletedPairingNamesItsDeviceAndTheDeviceItsPairing() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(completed(), PAIRING_ID, 1, T0.plusSeconds(30))
                .apply(paired(), DEVICE_ID, 0, T0.plusSeconds(30));

        assertThat(pairing().state()).isEqualTo("COMPLETED");
        assertThat(pairing().deviceId()).isEqualTo(DEVICE_ID);
        DeviceView device = device();
        assertThat(device.pairingId()).isEqualTo(PAIRING_ID);
        assertThat(device.name()).isEqualTo("Office Laptop");
        assertThat(device.platform()).isEqualTo("desktop");
        assertThat(device.pairedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(device.tokenExpiresAt()).isEqualTo(T0.plusSeconds(30).plusSeconds(86_400));
        assertThat(device.revoked()).isFalse();
        assertThat(device.lastTokenRefreshAt()).isNull();
        assertThat(fixture.json(PairingReadModel.DEVICE, DEVICE_ID))
                .contains("\"device_id\":\"" + DEVICE_ID + "\"", "\"revoked\":false")
                .doesNotContain(TOKEN_ID)
                .doesNotContain("token_id");
    }

    @Test
    void theDeviceRowDoesNotWaitForThePairingsPartition() {
        // Device events are keyed by device id, pairing events by pairing id: either may be read first.
        fixture.apply(paired(), DEVICE_ID, 0, T0.plusSeconds(30));

        assertThat(device().pairingId()).isEqualTo(PAIRING_ID);
        assertThat(fixture.row(PairingReadModel.PAIRING, PAIRING_ID, PairingView.class)).isEmpty();

        fixture.apply(started(), PAIRING_ID, 0, T0).apply(completed(), PAIRING_ID, 1, T0.plusSeconds(30));

        assertThat(pairing().deviceId()).isEqualTo(DEVICE_ID);
    }

    @Test
    void anEndReadBeforeTheStartIsKeptByTheStart() {
        fixture.apply(completed(), PAIRING_ID, 1, T0.plusSeconds(30))
                .apply(started(), PAIRING_ID, 0, T0);

        PairingView pairing = pairing();
        assertThat(pairing.state()).isEqualTo("COMPLETED");
        assertThat(pairing.deviceId()).isEqualTo(DEVICE_ID);
        assertThat(pairing.websocketUrl()).isEqualTo("wss://lucid.example/ws");
        assertThat(pairing.createdAt()).isEqualTo(T0);
        assertThat(pairing.updatedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aFinalStateIsNeverLeftNorReplaced() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(new PairingLocked(PAIRING_ID, 5, T0.plusSeconds(50)), PAIRING_ID, 1, T0.plusSeconds(50))
                .apply(new PairingExpired(PAIRING_ID, T0.plusSeconds(300), T0.plusSeconds(301)), PAIRING_ID, 2,
                        T0.plusSeconds(301))
                .apply(completed(), PAIRING_ID, 3, T0.plusSeconds(400));

        assertThat(pairing().state()).isEqualTo("LOCKED");
        assertThat(pairing().deviceId()).isNull();
        assertThat(pairing().endedAt()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void anOlderFailureReadLateDoesNotLowerTheCount() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(failed(2, 3), PAIRING_ID, 2, T0.plusSeconds(20))
                .apply(failed(1, 4), PAIRING_ID, 1, T0.plusSeconds(10));

        assertThat(pairing().failedAttempts()).isEqualTo(2);
        assertThat(pairing().remainingAttempts()).isEqualTo(3);
        assertThat(pairing().lastFailedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aRevokedDeviceStaysRevokedWithItsFirstRevocation() {
        fixture.apply(paired(), DEVICE_ID, 0, T0)
                .apply(new DeviceRevoked(DEVICE_ID, "lost", T0.plusSeconds(60)), DEVICE_ID, 1, T0.plusSeconds(60))
                .apply(new DeviceRevoked(DEVICE_ID, "again", T0.plusSeconds(90)), DEVICE_ID, 2, T0.plusSeconds(90));

        DeviceView device = device();
        assertThat(device.revoked()).isTrue();
        assertThat(device.revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(device.revokeReason()).isEqualTo("lost");
        assertThat(device.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(fixture.json(PairingReadModel.DEVICE, DEVICE_ID)).contains("\"revoked\":true");
    }

    @Test
    void aRevocationReadBeforeThePairingIsKeptByIt() {
        fixture.apply(new DeviceRevoked(DEVICE_ID, null, T0.plusSeconds(60)), DEVICE_ID, 1, T0.plusSeconds(60))
                .apply(paired(), DEVICE_ID, 0, T0);

        DeviceView device = device();
        assertThat(device.revoked()).isTrue();
        assertThat(device.name()).isEqualTo("Office Laptop");
        assertThat(device.pairedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(device.updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aTokenRefreshMovesTheExpiryForwardButNeverBack() {
        Instant refreshedAt = T0.plusSeconds(3_600);
        fixture.apply(paired(), DEVICE_ID, 0, T0)
                .apply(refreshed(refreshedAt), DEVICE_ID, 1, refreshedAt);

        assertThat(device().lastTokenRefreshAt()).isEqualTo(refreshedAt);
        assertThat(device().tokenExpiresAt()).isEqualTo(refreshedAt.plusSeconds(86_400));

        fixture.apply(refreshed(T0.plusSeconds(60)), DEVICE_ID, 2, T0.plusSeconds(60));

        assertThat(device().lastTokenRefreshAt()).isEqualTo(refreshedAt);
        assertThat(device().tokenExpiresAt()).isEqualTo(refreshedAt.plusSeconds(86_400));
        assertThat(fixture.json(PairingReadModel.DEVICE, DEVICE_ID))
                .doesNotContain(TOKEN_ID)
                .doesNotContain(REFRESHED_TOKEN_ID)
                .doesNotContain("jti");
    }

    @Test
    void repeatingAnEventChangesNothing() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(failed(1, 4), PAIRING_ID, 1, T0.plusSeconds(10))
                .apply(completed(), PAIRING_ID, 2, T0.plusSeconds(30))
                .apply(paired(), DEVICE_ID, 0, T0.plusSeconds(30))
                .apply(refreshed(T0.plusSeconds(90)), DEVICE_ID, 1, T0.plusSeconds(90))
                .apply(new DeviceRevoked(DEVICE_ID, "lost", T0.plusSeconds(120)), DEVICE_ID, 2, T0.plusSeconds(120));
        String pairingJson = fixture.json(PairingReadModel.PAIRING, PAIRING_ID);
        String deviceJson = fixture.json(PairingReadModel.DEVICE, DEVICE_ID);
        assertThat(fixture.version(PairingReadModel.PAIRING, PAIRING_ID)).isEqualTo(3);
        assertThat(fixture.version(PairingReadModel.DEVICE, DEVICE_ID)).isEqualTo(3);

        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(failed(1, 4), PAIRING_ID, 1, T0.plusSeconds(10))
                .apply(completed(), PAIRING_ID, 2, T0.plusSeconds(30))
                .apply(paired(), DEVICE_ID, 0, T0.plusSeconds(30))
                .apply(refreshed(T0.plusSeconds(90)), DEVICE_ID, 1, T0.plusSeconds(90))
                .apply(new DeviceRevoked(DEVICE_ID, "lost", T0.plusSeconds(120)), DEVICE_ID, 2, T0.plusSeconds(120));

        assertThat(fixture.json(PairingReadModel.PAIRING, PAIRING_ID)).isEqualTo(pairingJson);
        assertThat(fixture.json(PairingReadModel.DEVICE, DEVICE_ID)).isEqualTo(deviceJson);
        assertThat(fixture.version(PairingReadModel.PAIRING, PAIRING_ID)).isEqualTo(3);
        assertThat(fixture.version(PairingReadModel.DEVICE, DEVICE_ID)).isEqualTo(3);
    }

    @Test
    void noBodyEverHoldsATokenItsHashOrItsId() {
        fixture.apply(started(), PAIRING_ID, 0, T0)
                .apply(failed(1, 4), PAIRING_ID, 1, T0.plusSeconds(10))
                .apply(completed(), PAIRING_ID, 2, T0.plusSeconds(30))
                .apply(paired(), DEVICE_ID, 0, T0.plusSeconds(30))
                .apply(refreshed(T0.plusSeconds(90)), DEVICE_ID, 1, T0.plusSeconds(90))
                .apply(new DeviceRevoked(DEVICE_ID, null, T0.plusSeconds(120)), DEVICE_ID, 2, T0.plusSeconds(120));

        assertThat(fixture.rows().all()).hasSize(2);
        for (RowBuffer.Row row : fixture.rows().all().values()) {
            assertThat(row.body().toString())
                    .doesNotContain(TOKEN_HASH)
                    .doesNotContain(TOKEN_ID)
                    .doesNotContain(REFRESHED_TOKEN_ID)
                    .doesNotContain("sha256")
                    .doesNotContain("token_id")
                    .doesNotContain("jti");
        }
    }

    @Test
    void everyEventOnThePairingTopicIsHandled() {
        Handlers handlers = Handlers.of(new PairingReadModel());

        assertThat(Topics.PAIRING_EVENTS.records()).allSatisfy(type -> assertThat(handlers.handles(type)).isTrue());
    }

    @Test
    void pairingsAreForReadersOnlyAndADeviceReadsItsOwnRow() {
        Map<String, ViewDefinition> views = new PairingReadModel().views().stream()
                .collect(Collectors.toMap(ViewDefinition::view, Function.identity()));

        ViewDefinition pairings = views.get(PairingReadModel.PAIRING);
        assertThat(pairings.entityPath()).isEqualTo("pairings");
        assertThat(pairings.access()).isEqualTo(Access.READERS_ONLY);
        assertThat(pairings.listings().get(0).filters()).extracting(f -> f.field()).containsExactly("state");
        assertThat(pairings.channels()).extracting(c -> c.name()).containsExactly("pairing:");

        ViewDefinition devices = views.get(PairingReadModel.DEVICE);
        assertThat(devices.entityPath()).isEqualTo("devices");
        assertThat(devices.access()).isEqualTo(Access.owner("device_id"));
        assertThat(devices.listings().get(0).filters()).extracting(f -> f.field())
                .containsExactly("platform", "revoked");
        assertThat(devices.channels()).extracting(c -> c.name()).containsExactly("devices");
    }

    private PairingView pairing() {
        return fixture.row(PairingReadModel.PAIRING, PAIRING_ID, PairingView.class).orElseThrow();
    }

    private DeviceView device() {
        return fixture.row(PairingReadModel.DEVICE, DEVICE_ID, DeviceView.class).orElseThrow();
    }

    private static PairingStarted started() {
        return new PairingStarted(PAIRING_ID, "wss://lucid.example/ws", TOKEN_HASH, 300, T0, T0.plusSeconds(300));
    }

    private static PairingAttemptFailed failed(int attempt, int remaining) {
        return new PairingAttemptFailed(PAIRING_ID, attempt, remaining, "203.0.113.7",
                T0.plusSeconds(10L * attempt));
    }

    private static PairingCompleted completed() {
        return new PairingCompleted(PAIRING_ID, DEVICE_ID, T0.plusSeconds(30));
    }

    private static DevicePaired paired() {
        Instant at = T0.plusSeconds(30);
        return new DevicePaired(DEVICE_ID, PAIRING_ID, "Office Laptop", DevicePlatform.desktop, TOKEN_ID,
                at.plusSeconds(86_400), at);
    }

    private static DeviceTokenRefreshed refreshed(Instant at) {
        return new DeviceTokenRefreshed(DEVICE_ID, REFRESHED_TOKEN_ID, TOKEN_ID, at.plusSeconds(86_400), at);
    }
}
