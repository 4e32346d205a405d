package io.lucid.query.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The channel versions and the recent history of the change feed, per partition of {@code lucid.view.changes}.
 *
 * <p>The projections key each change by its view, so every change of a view is in one partition, in commit order.
 * A change's version on every channel it reaches is its offset + 1: a number every query-api instance reading the
 * same feed agrees on, rising strictly on each channel (docs/adr/0047). Version 0 means "before anything".
 *
 * <p>Each partition keeps its last {@code capacity} changes (the bodies are the strings the feed delivered, shared
 * with the frames), so a client that resumes with {@code since} gets what it missed, or learns that history no
 * longer reaches back that far.
 */
public final class ChangeHistory {

    /** One change as it reached its channels. */
    public record Entry(long version, String view, String id, long rowVersion, String body, List<String> channels,
            String traceparent) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Integer, PartitionLog> partitions = new ConcurrentHashMap<>();
    private volatile int partitionCount;

    public ChangeHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The feed is read from {@code position} (the offset of the next record) on: the versions up to it are known to
     * have passed, their changes are not in the history.
     */
    public void start(int partition, int count, long position) {
        partitionCount = count;
        partitions.put(partition, new PartitionLog(position));
    }

    /** The partition that holds a view's changes: the producer's default partitioner over the key (the view). */
    public int partitionOf(String view) {
        int count = partitionCount;
        return count == 0 ? -1 : BuiltInPartitioner.partitionForKey(view.getBytes(StandardCharsets.UTF_8), count);
    }

    /** The version of the last change of the view's partition this instance has passed on; 0 before the feed is read. */
    public long last(String view) {
        PartitionLog log = partitions.get(partitionOf(view));
        return log == null ? 0 : log.last();
    }

    /** Records a change; called before the change goes to the subscribers, so a resume never misses it. */
    public void append(int partition, Entry entry) {
        PartitionLog log = partitions.get(partition);
        if (log != null) {
            log.append(entry, capacity);
        }
    }

    /** A record of the feed that could not be read: its version has passed, and history cannot bridge it. */
    public void skip(int partition, long version) {
        PartitionLog log = partitions.get(partition);
        if (log != null) {
            log.skip(version);
        }
    }

    /**
     * The changes of {@code channel} (of {@code view}) after version {@code since}, oldest first; empty when the
     * history does not reach back to {@code since} or {@code since} is ahead of what this instance has seen.
     */
    public Optional<List<Entry>> after(String view, String channel, long since) {
        PartitionLog log = partitions.get(partitionOf(view));
        return log == null ? Optional.empty() : log.after(channel, since);
    }

    private static final class PartitionLog {

        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        /** Every change with a version above this one is in {@link #entries}. */
        private long floor;
        private long last;

        PartitionLog(long position) {
            floor = position;
            last = position;
        }

        synchronized long last() {
            return last;
        }

        synchronized void append(Entry entry, int capacity) {
            if (entry.version() <= last) {
                return;
            }
            entries.addLast(entry);
            last = entry.version();
            while (entries.size() > capacity) {
                floor = entries.removeFirst().version();
            }
        }

        /** Nobody received the change of an unreadable record: a resume from before it must start over. */
        synchronized void skip(long version) {
            last = Math.max(last, version);
            floor = Math.max(floor, version);
        }

        synchronized Optional<List<Entry>> after(String channel, long since) {
            if (since < floor || since > last) {
                return Optional.empty();
            }
            List<Entry> missed = new ArrayList<>();
            for (Entry entry : entries) {
                if (entry.version() > since && entry.channels().contains(channel)) {
                    missed.add(entry);
                }
            }
            return Optional.of(missed);
        }
    }
}
