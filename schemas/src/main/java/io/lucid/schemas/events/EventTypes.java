package io.lucid.schemas.events;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeHeartbeat;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import io.lucid.events.pairing.PairingAttemptFailed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingExpired;
import io.lucid.events.pairing.PairingLocked;
import io.lucid.events.pairing.PairingStarted;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.NodeRemovedFromPool;
import io.lucid.events.pool.PoolCreated;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.pool.PoolStatusChanged;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.RewardCalculated;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.events.session.ChunkRecorded;
import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingResumed;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionAnchored;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionDeleted;
import io.lucid.events.session.SessionFailed;
import io.lucid.events.session.SessionProcessed;
import io.lucid.events.view.ViewChanged;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Avro record type the backbone writes, one per {@code .avsc} file. Serializers that must find a writer
 * schema by fingerprint (Axon's event store, the relay) register these; the documentation generator and the
 * evolution check walk them. A test fails when a schema file is missing here.
 */
public final class EventTypes {

    /** Domain events of the pairing and device aggregates. */
    public static final List<Class<? extends SpecificRecord>> PAIRING = List.of(
            PairingStarted.class, PairingAttemptFailed.class, PairingLocked.class, PairingExpired.class,
            PairingCompleted.class, DevicePaired.class, DeviceRevoked.class, DeviceTokenRefreshed.class);

    /** Domain events of the session aggregate. */
    public static final List<Class<? extends SpecificRecord>> SESSION = List.of(
            SessionCreated.class, RecordingStarted.class, RecordingPaused.class, RecordingResumed.class,
            RecordingStopped.class, ChunkRecorded.class, SessionProcessed.class, SessionAnchored.class,
            SessionFailed.class, SessionDeleted.class);

    /** Domain events of the RDP server aggregate. */
    public static final List<Class<? extends SpecificRecord>> RDP = List.of(
            RdpServerCreated.class, RdpServerStartRequested.class, RdpServerRunning.class, RdpServerFailed.class,
            RdpServerStopRequested.class, RdpServerStopped.class, RdpServerDeleted.class,
            ClientConnected.class, ClientDisconnected.class);

    /** Domain events of the node aggregate. */
    public static final List<Class<? extends SpecificRecord>> NODE = List.of(
            NodeRegistered.class, NodeActivated.class, NodeDeactivated.class, NodeMaintenanceEntered.class,
            NodeMaintenanceExited.class, NodeHardwareUpdated.class, NodeDeregistered.class);

    /** Domain events of the task proof aggregate. */
    public static final List<Class<? extends SpecificRecord>> POOT = List.of(TaskProofSubmitted.class);

    /** Domain events of the payout aggregate. */
    public static final List<Class<? extends SpecificRecord>> PAYOUT = List.of(
            PayoutCreated.class, PayoutStarted.class, PayoutCompleted.class, PayoutFailed.class,
            PayoutCancelled.class, PayoutRetried.class);

    /** Telemetry produced straight to Kafka by command-api (no aggregate). */
    public static final List<Class<? extends SpecificRecord>> TELEMETRY = List.of(
            NodeHeartbeat.class, RdpHealthReported.class);

    /** Records derived by the stream processors. */
    public static final List<Class<? extends SpecificRecord>> DERIVED = List.of(
            NodeScoreUpdated.class, EpochTallied.class, EpochRewardsDistributed.class, RewardCalculated.class,
            PayoutCalculated.class, PoolCreated.class, NodeAssignedToPool.class, NodeRemovedFromPool.class,
            PoolStatusChanged.class, PoolLeaderChanged.class, NodeHealthChanged.class,
            RdpServerUnresponsive.class, RdpServerResponsive.class);

    /** Infrastructure records: the projections' change feed and dead letters. */
    public static final List<Class<? extends SpecificRecord>> INFRASTRUCTURE = List.of(
            ViewChanged.class, DeadLetter.class);

    private static final List<Class<? extends SpecificRecord>> ALL = Stream.of(
                    PAIRING, SESSION, RDP, NODE, POOT, PAYOUT, TELEMETRY, DERIVED, INFRASTRUCTURE)
            .flatMap(List::stream)
            .toList();

    private EventTypes() {
    }

    public static List<Class<? extends SpecificRecord>> all() {
        return ALL;
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
