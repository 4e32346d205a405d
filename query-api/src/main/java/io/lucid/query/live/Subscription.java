package io.lucid.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.query.view.AccessScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection's subscription to one channel. It guarantees the client never receives a channel version lower
 * than or equal to one it already has, nor a row older than one it already shows: the snapshot (or the resumed
 * history) and concurrent changes race, so changes that arrive before the first frame is queued are held and
 * replayed after it, through the same checks.
 *
 * <p>Redeliveries of the feed are dropped once for all subscribers ({@link RowVersionFilter}); what only this
 * subscription knows is its snapshot's row versions (the database may be ahead of the feed), each dropped as soon as
 * the feed has passed it, and, for a restricted scope, the ids it was shown (so it also sees them go). An
 * unrestricted subscription on the feed therefore holds no per-row state at all.
 */
public final class Subscription {

    private final Channel channel;
    private final SendQueue queue;
    private final AccessScope scope;
    /** The snapshot's rows the feed has not yet passed, with their row versions. */
    private final Map<String, Long> snapshotVersions = new HashMap<>();
    /** The rows a restricted subscriber was shown; null when its scope is unrestricted. */
    private final Set<String> shown;
    private final List<Held> held = new ArrayList<>();
    private boolean started;
    private long channelVersion;

    public Subscription(Channel channel, SendQueue queue, AccessScope scope) {
        this.channel = channel;
        this.queue = queue;
        this.scope = scope;
        this.shown = scope instanceof AccessScope.All ? null : new HashSet<>();
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
        return shown != null && shown.contains(entityId)
                || held.stream().anyMatch(h -> h.entityId.equals(entityId));
    }

    /**
     * Whether the subscriber may see this change: a row its scope allows, or the deletion of a row it was shown
     * (a deletion carries no body to judge; only an unrestricted subscriber learns of rows it never saw go).
     */
    public synchronized boolean mayShow(String entityId, JsonNode body) {
        return body == null ? shown == null || knows(entityId) : scope.allows(body);
    }

    /** Queues the snapshot as of channel version {@code version}, then any change that raced it and is newer. */
    public synchronized void deliverSnapshot(long version, Channel.Snapshot snapshot, boolean reset) {
        snapshotVersions.putAll(snapshot.versionsById());
        if (shown != null) {
            shown.addAll(snapshot.versionsById().keySet());
        }
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
            deliver(entry.id(), entry.rowVersion(), entityKey(entry.id()),
                    ServerFrame.State.update(channel.name(), entry.version(), entry.body(), entry.traceparent())
                            .encodedBy(codec));
        }
        releaseHeld();
    }

    /**
     * Queues an update (its frame already encoded for the channel) unless the client already has this channel
     * version, or a newer state of the row.
     */
    public void update(String entityId, long rowVersion, ServerFrame.State state) {
        update(entityId, rowVersion, entityKey(entityId), state);
    }

    /**
     * As {@link #update(String, long, ServerFrame.State)}, with the queue key ({@link #queueKey}) computed once for
     * every subscriber of the channel.
     */
    public synchronized void update(String entityId, long rowVersion, String key, ServerFrame.State state) {
        if (!started) {
            held.add(new Held(entityId, rowVersion, key, state));
            return;
        }
        deliver(entityId, rowVersion, key, state);
    }

    private void deliver(String entityId, long rowVersion, String key, ServerFrame.State state) {
        if (state.version() <= channelVersion) {
            return;
        }
        if (!snapshotVersions.isEmpty()) {
            Long inSnapshot = snapshotVersions.get(entityId);
            if (inSnapshot != null) {
                if (rowVersion <= inSnapshot) {
                    return;
                }
                // The feed has passed the snapshot's state of this row: from here on it only carries newer ones.
                snapshotVersions.remove(entityId);
            }
        }
        if (shown != null) {
            shown.add(entityId);
        }
        channelVersion = state.version();
        queue.sendState(key, state);
    }

    private void releaseHeld() {
        List<Held> raced = new ArrayList<>(held);
        held.clear();
        raced.forEach(h -> deliver(h.entityId, h.rowVersion, h.key, h.state));
    }

    /** The queue key of a row's states on a channel: one pending state per row, newest wins. */
    static String queueKey(String channelName, String entityId) {
        return channelName + "|" + entityId;
    }

    /** Row versions this subscription holds (snapshot rows the feed has not passed yet), for tests. */
    synchronized int trackedRows() {
        return snapshotVersions.size() + (shown == null ? 0 : shown.size());
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
        return queueKey(channel.name(), entityId);
    }

    private record Held(String entityId, long rowVersion, String key, ServerFrame.State state) {
    }
}
