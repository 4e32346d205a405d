package io.lucid.command.pairing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PairingDeadlines} in memory, for fixture tests. */
final class InMemoryDeadlines implements PairingDeadlines {

    final Map<String, Instant> scheduled = new ConcurrentHashMap<>();

    @Override
    public void schedule(String pairingId, Instant expiresAt) {
        scheduled.put(pairingId, expiresAt);
    }

    @Override
    public void cancel(String pairingId) {
        scheduled.remove(pairingId);
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return scheduled.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey).limit(limit).toList();
    }
}
