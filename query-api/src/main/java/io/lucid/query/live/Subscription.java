package io.lucid.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.query.view.AccessScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's subscription to one channel. It guarantees the client never receives a channel version lower
 * than or equal to one it already has, nor a row older than one it already shows: the snapshot (or the resumed
 * history) and concurrent changes race, so changes that arrive before the first frame is queued are held and
 * replayed after it, through the same checks.
 */
public final class Subscription {

    private final Channel channel;
    private final SendQueue queue;
    private final AccessScope scope;
    private final Map<String, Long> rowVersions = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private boolean started;
    private long channelVersion;

    public Subscription(Channel channel, SendQueue queue, AccessScope scope) {
        this.channel = channel;
        this.queue = queue;
        this.scope = scope;
    }

    public Channel channel() {
        return channel;
    }

    /** The rows of the channel this subscriber may see. */
    public AccessScope scope() {
        return scope;
    }

    /** Whether this subscription has shown the row (so it must also see the row go). */
    public synchronized boolean knows(String entityId) {
        return rowVersions.containsKey(entityId) || held.stream().anyMatch(h -> h.entityId.equals(entityId));
    }

    /**
     * Whether the subscriber may see this change: a row its scope allows, or the deletion of a row it was shown
     * (a deletion carries no body to judge; only an unrestricted subscriber learns of rows it never saw go).
     */
    public synchronized boolean mayShow(String entityId, JsonNode body) {
        return body == null ? knows(entityId) || scope instanceof AccessScope.All : scope.allows(body);
    }

    /** Queues the snapshot as of channel version {@code version}, then any change that raced it and is newer. */
    public synchronized void deliverSnapshot(long version, Channel.Snapshot snapshot, boolean reset) {
        rowVersions.putAll(snapshot.versionsById());
        channelVersion = version;
        started = true;
        queue.sendState(snapshotKey(), ServerFrame.State.snapshot(channel.name(), version, snapshot.data(), reset));
        releaseHeld();
    }

    /** Resumes after {@code since}: the changes the client missed, in order, then any change that raced them. */
    public synchronized void resume(long since, List<ChangeHistory.Entry> missed, FrameCodec codec) {
        channelVersion = since;
        started = true;
        queue.send(new ServerFrame.Resumed(channel.name(), since));
        for (ChangeHistory.Entry entry : missed) {
            if (!mayShow(entry.id(), LiveUpdates.parse(entry.body()))) {
                continue;
            }
            deliver(entry.id(), entry.rowVersion(),
                    ServerFrame.State.update(channel.name(), entry.version(), entry.body()).encodedBy(codec));
        }
        releaseHeld();
    }

    /**
     * Queues an update (its frame already encoded for the channel) unless the client already has this channel
     * version, or a newer state of the row.
     */
    public synchronized void update(String entityId, long rowVersion, ServerFrame.State state) {
        if (!started) {
            held.add(new Held(entityId, rowVersion, state));
            return;
        }
        deliver(entityId, rowVersion, state);
    }

    private void deliver(String entityId, long rowVersion, ServerFrame.State state) {
        if (state.version() <= channelVersion || rowVersion <= rowVersions.getOrDefault(entityId, 0L)) {
            return;
        }
        rowVersions.put(entityId, rowVersion);
        channelVersion = state.version();
        queue.sendState(entityKey(entityId), state);
    }

    private void releaseHeld() {
        List<Held> raced = new ArrayList<>(held);
        held.clear();
        raced.forEach(h -> deliver(h.entityId, h.rowVersion, h.state));
    }

    /** The prefix of every queue key of this channel, to discard them on unsubscribe. */
    String keyPrefix() {
        return channel.name() + "|";
    }

    /** A single-entity channel's snapshot shares the entity's key, so a queued snapshot absorbs later updates. */
    private String snapshotKey() {
        return channel.isEntity() ? entityKey(channel.key()) : keyPrefix() + "*snapshot";
    }

    private String entityKey(String entityId) {
        return keyPrefix() + entityId;
    }

    private record Held(String entityId, long rowVersion, ServerFrame.State state) {
    }
}
