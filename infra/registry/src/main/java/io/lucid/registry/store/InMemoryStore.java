package io.lucid.registry.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A log in memory, for unit tests. Several stores may share one log ({@link #reopen()}), which stands for a
 * registry restart on the same Kafka topic; {@link #compacted()} stands for the topic after log compaction.
 */
public final class InMemoryStore implements RegistryStore {

    /** One record of the shared log. */
    public record Entry(byte[] key, byte[] value) {
    }

    private final List<Entry> log;
    private Applier applier;

    public InMemoryStore() {
        this(new ArrayList<>());
    }

    private InMemoryStore(List<Entry> log) {
        this.log = log;
    }

    /** A new store over the same log, as a restarted server would see it. */
    public InMemoryStore reopen() {
        return new InMemoryStore(log);
    }

    /** A new store over a copy of the log keeping the latest value per key and no deletions, as Kafka compacts. */
    public InMemoryStore compacted() {
        Map<String, Entry> latest = new LinkedHashMap<>();
        synchronized (log) {
            for (Entry entry : log) {
                String key = Arrays.toString(entry.key());
                latest.remove(key);
                latest.put(key, entry);
            }
        }
        List<Entry> kept = new ArrayList<>();
        latest.values().stream().filter(e -> e.value() != null).forEach(kept::add);
        return new InMemoryStore(kept);
    }

    /** The records written so far, in order. */
    public List<Entry> entries() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void start(Applier applier) {
        this.applier = applier;
        for (Entry entry : entries()) {
            applier.apply(entry.key(), entry.value());
        }
    }

    @Override
    public void append(byte[] key, byte[] value) {
        if (applier == null) {
            throw new IllegalStateException("store not started");
        }
        synchronized (log) {
            log.add(new Entry(key, value));
            applier.apply(key, value);
        }
    }

    @Override
    public void close() {
        applier = null;
    }
}
