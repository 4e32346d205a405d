package io.lucid.command.pairing;

import static io.lucid.command.pairing.Rejections.fieldRejection;
import static io.lucid.command.pairing.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DevicePlatform;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import io.lucid.events.pairing.PairingStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule and transition of the Device aggregate (DOMAIN.md section 1): revocation and token refresh. */
class DeviceTest {

    static final Instant PAIRED = Instant.parse("2026-11-21T08:00:00Z");
    static final Instant NOW = PAIRED.plusSeconds(3600);
    static final String DEVICE = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private AggregateTestFixture<Device> fixture;
    private final List<String> revoked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Device.class);
        fixture.registerInjectableResource(PairingSettings.defaults());
        fixture.registerInjectableResource((DeviceRevocations) revoked::add);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static DevicePaired paired() {
        return DevicePaired.newBuilder().setDeviceId(DEVICE).setPairingId(PairingTest.PAIRING).setName("tablet")
                .setPlatform(DevicePlatform.android).setTokenId("t-1").setTokenExpiresAt(PAIRED.plus(Duration.ofHours(24)))
                .setPairedAt(PAIRED).build();
    }

    static DeviceRevoked revokedEvent(String reason) {
        return DeviceRevoked.newBuilder().setDeviceId(DEVICE).setReason(reason).setRevokedAt(NOW).build();
    }

    @Test
    void revokingAPairedDeviceRecordsItAndListsItsTokensAsRevoked() {
        fixture.given(paired())
                .when(new RevokeDeviceCommand(DEVICE, "lost"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(revokedEvent("lost"))
                .expectState(device -> assertThat(device.revoked()).isTrue());
        assertThat(revoked).containsExactly(DEVICE);
    }

    @Test
    void aReasonIsOptional() {
        fixture.given(paired()).when(new RevokeDeviceCommand(DEVICE, null)).expectEvents(revokedEvent(null));
    }

    @Test
    void revokingTwiceIs409AndRecordsNothing() {
        fixture.given(paired(), revokedEvent("lost"))
                .when(new RevokeDeviceCommand(DEVICE, "again"))
                .expectNoEvents()
                .expectException(rejection(409, "device_already_revoked"));
        assertThat(revoked).isEmpty();
    }

    @Test
    void aReasonLongerThan500CharactersIs422() {
        fixture.given(paired())
                .when(new RevokeDeviceCommand(DEVICE, "x".repeat(501)))
                .expectNoEvents()
                .expectException(fieldRejection("reason"));
    }

    @Test
    void refreshingAnUnrevokedDeviceIssuesA24HourToken() {
        Instant expires = NOW.plus(Duration.ofHours(24));
        fixture.given(paired())
                .when(new RefreshDeviceTokenCommand(DEVICE, "t-1", "t-2"))
                .expectEvents(DeviceTokenRefreshed.newBuilder().setDeviceId(DEVICE).setTokenId("t-2").setPreviousTokenId("t-1")
                        .setExpiresAt(expires).setRefreshedAt(NOW).build())
                .expectResultMessagePayload(new TokenRefreshed(DEVICE, "t-2", expires));
    }

    @Test
    void aRevokedDeviceCannotRefresh() {
        fixture.given(paired(), revokedEvent(null))
                .when(new RefreshDeviceTokenCommand(DEVICE, "t-1", "t-2"))
                .expectNoEvents()
                .expectException(rejection(401, "token_revoked"));
    }

    @Test
    void anIdOfAnotherAggregateIsNotADevice() {
        // Axon refuses to source a Device from a Pairing's events; the web layer answers that 404 not_found.
        PairingStarted pairing = PairingTest.started();
        fixture.given(pairing)
                .when(new RevokeDeviceCommand(DEVICE, null))
                .expectNoEvents()
                .expectException(IncompatibleAggregateException.class);
    }
}
