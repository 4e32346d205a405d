package io.lucid.command.session;

import io.lucid.command.axon.AxonModule;
import io.lucid.command.axon.StrongLruCache;
import jakarta.inject.Singleton;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/**
 * The Session aggregate and what its handlers take: the recording slots. Sessions are cached (a recording
 * receives a chunk every few seconds for up to an hour) and snapshotted every {@value #SNAPSHOT_EVERY} events, so
 * loading a long recording after an eviction or a restart reads one snapshot and a few events, not thousands.
 * Loads are filtered by aggregate type: a session command aimed at another aggregate's UUID is a 404, never an
 * attempt to replay foreign events into a Session.
 */
@Singleton
final class SessionAxonModule implements AxonModule {

    static final int SNAPSHOT_EVERY = 500;
    static final int CACHED_SESSIONS = 4096;

    private final RecordingSlots slots;

    SessionAxonModule(RecordingSlots slots) {
        this.slots = slots;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(RecordingSlots.class, c -> slots)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Session.class)
                        .configureCache(c -> new StrongLruCache(CACHED_SESSIONS))
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY))
                        .configureFilterEventsByType(c -> true));
    }
}
