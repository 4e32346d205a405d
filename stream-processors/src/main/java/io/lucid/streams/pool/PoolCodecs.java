package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import io.lucid.streams.poot.LiveScore;
import io.lucid.streams.state.StateReader;
import io.lucid.streams.state.StateSerde;
import io.lucid.streams.state.StateWriter;
import java.util.Optional;
import java.util.TreeMap;

/** Stored forms of the pool processor's state. Enums are stored by name, so reordering constants is harmless. */
final class PoolCodecs {

    static final StateSerde<NodeRecord> NODE = new StateSerde<>(1, PoolCodecs::writeNode, PoolCodecs::readNode);
    static final StateSerde<PoolRecord> POOL = new StateSerde<>(1, PoolCodecs::writePool, PoolCodecs::readPool);
    static final StateSerde<TierOccupancy> OCCUPANCY = new StateSerde<>(1, PoolCodecs::writeOccupancy,
            PoolCodecs::readOccupancy);

    private PoolCodecs() {
    }

    private static void writeNode(StateWriter w, NodeRecord n) {
        w.writeString(n.nodeId());
        writeOptional(w, n.tier().map(Tier::name));
        w.writeString(n.lifecycle().name());
        writeOptional(w, n.pool().map(PoolId::value));
        w.writeBoolean(n.healthy()).writeBoolean(n.eligible());
        writeScore(w, n.liveScore());
        w.writeLong(n.scoreEpoch()).writeLong(n.lastSequence());
    }

    private static NodeRecord readNode(StateReader r) {
        return new NodeRecord(r.readString(), readOptional(r).map(Tier::valueOf), Lifecycle.valueOf(r.readString()),
                readOptional(r).map(PoolId::parse), r.readBoolean(), r.readBoolean(), readScore(r), r.readLong(),
                r.readLong());
    }

    private static void writePool(StateWriter w, PoolRecord p) {
        w.writeString(p.pool().id().value());
        w.writeInt(p.pool().size());
        for (MemberState m : p.pool().members().values()) {
            w.writeString(m.nodeId()).writeBoolean(m.healthy()).writeBoolean(m.eligible());
            writeScore(w, m.liveScore());
        }
        writeOptional(w, p.publishedStatus().map(PoolStatus::name));
        writeOptional(w, p.publishedLeader());
    }

    private static PoolRecord readPool(StateReader r) {
        PoolId id = PoolId.parse(r.readString());
        int size = r.readInt();
        TreeMap<String, MemberState> members = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            MemberState m = new MemberState(r.readString(), r.readBoolean(), r.readBoolean(), readScore(r));
            members.put(m.nodeId(), m);
        }
        return new PoolRecord(new Pool(id, members), readOptional(r).map(PoolStatus::valueOf), readOptional(r));
    }

    private static void writeOccupancy(StateWriter w, TierOccupancy o) {
        w.writeString(o.tier().name());
        w.writeInt(o.members().size());
        o.members().forEach((n, count) -> w.writeInt(n).writeInt(count));
    }

    private static TierOccupancy readOccupancy(StateReader r) {
        Tier tier = Tier.valueOf(r.readString());
        int size = r.readInt();
        TreeMap<Integer, Integer> members = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            members.put(r.readInt(), r.readInt());
        }
        return new TierOccupancy(tier, members);
    }

    private static void writeScore(StateWriter w, LiveScore s) {
        w.writeBigInteger(s.numerator()).writeLong(s.denominator());
    }

    private static LiveScore readScore(StateReader r) {
        return new LiveScore(r.readBigInteger(), r.readLong());
    }

    private static void writeOptional(StateWriter w, Optional<String> value) {
        w.writeBoolean(value.isPresent());
        value.ifPresent(w::writeString);
    }

    private static Optional<String> readOptional(StateReader r) {
        return r.readBoolean() ? Optional.of(r.readString()) : Optional.empty();
    }
}
