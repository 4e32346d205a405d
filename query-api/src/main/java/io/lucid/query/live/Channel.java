package io.lucid.query.live;

import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.ViewDefinition;
import java.util.Map;

/**
 * A live channel as a client named it: which view's rows it shows, by which declaration ({@link ChannelSpec}) and,
 * for an entity or group channel, which row id or group value. Built from the read models' declarations; nothing
 * here names a view.
 *
 * @param name the name on the wire, e.g. {@code node:node_alpha_01}
 * @param view the view whose rows it shows
 * @param spec the declaration it matched
 * @param key  the row id (ENTITY) or group value (GROUP); null for ALL
 */
public record Channel(String name, ViewDefinition view, ChannelSpec spec, String key) {

    public boolean isEntity() {
        return spec.kind() == ChannelSpec.Kind.ENTITY;
    }

    /**
     * What a subscriber gets first: the data (raw JSON, {@code null} while an entity does not exist) and the row
     * version of each row in it. Its channel version is not the read's to say: the subscriber labels it with the
     * last change of the feed passed on before the read ({@link ChangeHistory#last}).
     */
    public record Snapshot(String data, Map<String, Long> versionsById) {
    }
}
