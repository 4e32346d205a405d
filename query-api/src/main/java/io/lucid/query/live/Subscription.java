package io.lucid.query.live;

import io.lucid.query.view.AccessScope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection's subscription to one channel. It guarantees the client never receives a version lower than or
 * equal to one it already has for an entity: the snapshot and a concurrent change may race, so changes that
 * arrive before the snapshot is queued are held and replayed after it, through the same version check.
 */
public final class Subscription {

    private final Channel channel;
    private final SendQueue queue;
    private final AccessScope scope;
    private final Map<String, Long> lastVersions = new HashMap<>();
    private final Map<String, ServerFrame.State> held = new LinkedHashMap<>();
    private boolean snapshotQueued;

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
        return lastVersions.containsKey(entityId) || held.containsKey(entityId);
    }

    /** Queues the snapshot, then any change that raced it and is newer. */
    public synchronized void deliverSnapshot(Channel.Snapshot snapshot) {
        lastVersions.putAll(snapshot.versionsById());
        snapshotQueued = true;
        queue.sendState(snapshotKey(), ServerFrame.State.snapshot(channel.name(), snapshot.version(), snapshot.data()));
        Map<String, ServerFrame.State> raced = new LinkedHashMap<>(held);
        held.clear();
        raced.forEach((entityId, state) -> update(entityId, state.version(), state.data()));
    }

    /** Queues an update when it is newer than what this subscription has already queued for the entity. */
    public synchronized void update(String entityId, long version, String data) {
        if (!snapshotQueued) {
            held.merge(entityId, ServerFrame.State.update(channel.name(), version, data),
                    (older, newer) -> newer.version() > older.version() ? newer : older);
            return;
        }
        if (version <= lastVersions.getOrDefault(entityId, 0L)) {
            return;
        }
        lastVersions.put(entityId, version);
        queue.sendState(entityKey(entityId), ServerFrame.State.update(channel.name(), version, data));
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
}
