package io.lucid.streams.liveness;

import io.lucid.streams.state.StateSerde;

/** A watched node or server: its {@link Presence}, and how many verdicts were published for it. */
record Tracked(Presence presence, long published) {

    static final Tracked NEW = new Tracked(Presence.initial(), 0);

    static final StateSerde<Tracked> SERDE = new StateSerde<>(1, (w, t) -> w
            .writeBoolean(t.presence().monitored()).writeLong(t.presence().since()).writeLong(t.presence().lastReport())
            .writeBoolean(t.presence().alive()).writeLong(t.published()),
            r -> new Tracked(new Presence(r.readBoolean(), r.readLong(), r.readLong(), r.readBoolean()), r.readLong()));

    Tracked with(Presence next) {
        return new Tracked(next, published);
    }

    Tracked publishedOne() {
        return new Tracked(presence, published + 1);
    }
}
