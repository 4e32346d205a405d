package io.lucid.command.session;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The unit-test stand-in for the active_recording table: same limits, no transaction. */
final class InMemoryRecordingSlots implements RecordingSlots {

    final Map<String, String> nodeOf = new LinkedHashMap<>();
    final Map<String, Instant> startedAt = new LinkedHashMap<>();
    private final int systemLimit;
    private final int nodeLimit;

    InMemoryRecordingSlots(int systemLimit, int nodeLimit) {
        this.systemLimit = systemLimit;
        this.nodeLimit = nodeLimit;
    }

    /** Occupies a slot for a session that is not under test. */
    void occupy(String sessionId, String nodeId) {
        nodeOf.put(sessionId, nodeId);
        startedAt.put(sessionId, Instant.EPOCH);
    }

    @Override
    public Outcome claim(String sessionId, String nodeId, Instant at) {
        if (startedAt.size() >= systemLimit) {
            return Outcome.SYSTEM_LIMIT_REACHED;
        }
        if (nodeId != null && nodeOf.values().stream().filter(n -> Objects.equals(n, nodeId)).count() >= nodeLimit) {
            return Outcome.NODE_LIMIT_REACHED;
        }
        nodeOf.put(sessionId, nodeId);
        startedAt.put(sessionId, at);
        return Outcome.GRANTED;
    }

    @Override
    public void release(String sessionId) {
        nodeOf.remove(sessionId);
        startedAt.remove(sessionId);
    }

    @Override
    public List<Overdue> startedBefore(Instant cutoff, int limit) {
        return startedAt.entrySet().stream().filter(e -> !e.getValue().isAfter(cutoff)).limit(limit)
                .map(e -> new Overdue(e.getKey(), e.getValue(), "started-" + e.getKey())).toList();
    }
}
