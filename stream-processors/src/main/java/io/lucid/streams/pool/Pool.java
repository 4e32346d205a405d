package io.lucid.streams.pool;

import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One pool and its members, immutable. Status and leader are functions of the members:
 * <ul>
 *   <li>DEGRADED: at least {@code quorum} members, and fewer than {@code quorum} of them healthy and eligible, or
 *       more than half unhealthy. A pool below the quorum is FORMING whatever its health: it is not expected to
 *       serve yet.</li>
 *   <li>otherwise FULL at capacity, ACTIVE from the quorum, FORMING below it.</li>
 *   <li>leader: the eligible member with the highest live score, ties by node id ascending; none when no member is
 *       eligible.</li>
 * </ul>
 */
public record Pool(PoolId id, SortedMap<String, MemberState> members) {

    /** Highest live score first, then the lowest node id. */
    static final Comparator<MemberState> LEADERSHIP = Comparator.comparing(MemberState::liveScore).reversed()
            .thenComparing(MemberState::nodeId);

    public Pool {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public static Pool empty(PoolId id) {
        return new Pool(id, new TreeMap<>());
    }

    public int size() {
        return members.size();
    }

    public boolean contains(String nodeId) {
        return members.containsKey(nodeId);
    }

    public Pool with(MemberState member) {
        TreeMap<String, MemberState> next = new TreeMap<>(members);
        next.put(member.nodeId(), member);
        return new Pool(id, next);
    }

    public Pool without(String nodeId) {
        TreeMap<String, MemberState> next = new TreeMap<>(members);
        next.remove(nodeId);
        return new Pool(id, next);
    }

    public int healthyEligibleCount() {
        return (int) members.values().stream().filter(m -> m.healthy() && m.eligible()).count();
    }

    public PoolStatus status(PoolSettings settings) {
        int size = members.size();
        if (size < settings.quorum()) {
            return PoolStatus.FORMING;
        }
        long unhealthy = members.values().stream().filter(m -> !m.healthy()).count();
        if (healthyEligibleCount() < settings.quorum() || 2 * unhealthy > size) {
            return PoolStatus.DEGRADED;
        }
        return size >= settings.capacity() ? PoolStatus.FULL : PoolStatus.ACTIVE;
    }

    public Optional<MemberState> leader() {
        return members.values().stream().filter(MemberState::eligible).min(LEADERSHIP);
    }
}
