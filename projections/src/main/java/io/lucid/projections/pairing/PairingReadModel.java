package io.lucid.projections.pairing;

import com.google.auto.service.AutoService;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import io.lucid.events.pairing.PairingAttemptFailed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingExpired;
import io.lucid.events.pairing.PairingLocked;
import io.lucid.events.pairing.PairingStarted;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code pairing} and {@code device} views from {@code lucid.pairing.events}. A pairing row shows a QR pairing
 * from its start to its end (completed, locked or expired), served at {@code /api/v1/pairings} to operators and live
 * on {@code pairing:<id>}; a device row shows a paired device and whether it is revoked, served at
 * {@code /api/v1/devices} and live on {@code devices}, a DEVICE token reading its own device only.
 *
 * <p>Each view is built from the events of its own aggregate only (pairing events are keyed by pairing id, device
 * events by device id), so each row's events arrive in order and nothing waits for the other key's partition: the
 * pairing learns its device from {@code PairingCompleted}, the device its pairing from {@code DevicePaired}. Handlers
 * still start from a stub when the row is missing and never leave a final state, so a row cannot be lost or reopened
 * by an event it did not expect. Tokens, token hashes and token ids (jti) are never copied into a body.
 */
@AutoService(ReadModel.class)
public final class PairingReadModel implements ReadModel {

    static final String PAIRING = Views.PAIRING;
    static final String DEVICE = Views.DEVICE;

    static final Set<String> STATES =
            Set.of(PairingView.STARTED, PairingView.COMPLETED, PairingView.LOCKED, PairingView.EXPIRED);
    static final Set<String> PLATFORMS = Set.of("ios", "android", "web", "desktop", "unknown");

    @Override
    public String name() {
        return "pairing";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.PAIRING_EVENTS);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(PairingStarted.class, PairingReadModel::started)
                .on(PairingAttemptFailed.class, PairingReadModel::attemptFailed)
                .on(PairingLocked.class, PairingReadModel::locked)
                .on(PairingExpired.class, PairingReadModel::expired)
                .on(PairingCompleted.class, PairingReadModel::completed)
                .on(DevicePaired.class, PairingReadModel::paired)
                .on(DeviceRevoked.class, PairingReadModel::revoked)
                .on(DeviceTokenRefreshed.class, PairingReadModel::refreshed);
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(
                ViewDefinition.of(PAIRING)
                        .entity("pairings")
                        .listing(Listing.of("pairings", Sort.descending("created_at", FieldType.TEXT),
                                "Pairings, newest first", Filter.oneOf("state", STATES)))
                        .access(Access.READERS_ONLY)
                        .channel(ChannelSpec.entity("pairing:")),
                ViewDefinition.of(DEVICE)
                        .entity("devices")
                        .listing(Listing.of("devices", Sort.descending("paired_at", FieldType.TEXT),
                                "Devices, most recently paired first", Filter.oneOf("platform", PLATFORMS),
                                Filter.flag("revoked")))
                        // A DEVICE token's subject is its device id: it reads its own device and nothing else.
                        .access(Access.owner("device_id"))
                        .channel(ChannelSpec.all("devices", "devices")));
    }

    static void started(PairingStarted event, EventMetadata metadata, Rows rows) {
        PairingView pairing = pairing(rows, event.getPairingId());
        // Only the fields the view names are copied: temp_token_sha256 stays out.
        rows.put(PAIRING, event.getPairingId(), pairing.withStart(event.getWebsocketUrl(), event.getExpiresAt(),
                event.getExpirySeconds(), metadata.actor(), event.getStartedAt()));
    }

    static void attemptFailed(PairingAttemptFailed event, EventMetadata metadata, Rows rows) {
        PairingView pairing = pairing(rows, event.getPairingId());
        rows.put(PAIRING, event.getPairingId(),
                pairing.withFailure(event.getAttempt(), event.getRemainingAttempts(), event.getFailedAt()));
    }

    static void locked(PairingLocked event, EventMetadata metadata, Rows rows) {
        PairingView pairing = pairing(rows, event.getPairingId());
        if (canEnd(pairing, PairingView.LOCKED)) {
            rows.put(PAIRING, event.getPairingId(), pairing.withLock(event.getFailedAttempts(), event.getLockedAt()));
        }
    }

    static void expired(PairingExpired event, EventMetadata metadata, Rows rows) {
        PairingView pairing = pairing(rows, event.getPairingId());
        if (canEnd(pairing, PairingView.EXPIRED)) {
            rows.put(PAIRING, event.getPairingId(),
                    pairing.withEnd(PairingView.EXPIRED, pairing.deviceId(), event.getExpiredAt()));
        }
    }

    static void completed(PairingCompleted event, EventMetadata metadata, Rows rows) {
        PairingView pairing = pairing(rows, event.getPairingId());
        if (canEnd(pairing, PairingView.COMPLETED)) {
            rows.put(PAIRING, event.getPairingId(),
                    pairing.withEnd(PairingView.COMPLETED, event.getDeviceId(), event.getCompletedAt()));
        }
    }

    static void paired(DevicePaired event, EventMetadata metadata, Rows rows) {
        DeviceView device = device(rows, event.getDeviceId());
        // token_id (the jti) is deliberately not copied; only when the token expires.
        rows.put(DEVICE, event.getDeviceId(), device.withPairing(event.getName(), event.getPlatform().name(),
                event.getPairedAt(), event.getPairingId(), event.getTokenExpiresAt()));
    }

    static void revoked(DeviceRevoked event, EventMetadata metadata, Rows rows) {
        DeviceView device = device(rows, event.getDeviceId());
        rows.put(DEVICE, event.getDeviceId(), device.withRevocation(event.getReason(), event.getRevokedAt()));
    }

    static void refreshed(DeviceTokenRefreshed event, EventMetadata metadata, Rows rows) {
        DeviceView device = device(rows, event.getDeviceId());
        rows.put(DEVICE, event.getDeviceId(), device.withRefresh(event.getExpiresAt(), event.getRefreshedAt()));
    }

    /** A final state is never left, and never replaced by another one: the first end recorded stands. */
    private static boolean canEnd(PairingView pairing, String endState) {
        return !pairing.ended() || endState.equals(pairing.state());
    }

    private static PairingView pairing(Rows rows, String id) {
        return rows.get(PAIRING, id, PairingView.class).orElse(PairingView.stub(id));
    }

    private static DeviceView device(Rows rows, String id) {
        return rows.get(DEVICE, id, DeviceView.class).orElse(DeviceView.stub(id));
    }
}
