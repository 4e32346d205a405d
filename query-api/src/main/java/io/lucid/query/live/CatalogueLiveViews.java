package io.lucid.query.live;

import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.auth.Caller;
import io.lucid.query.view.AccessScope;
import io.lucid.query.view.ViewCatalogue;
import io.lucid.query.view.ViewReader;
import io.lucid.query.view.ViewRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The live channels of every view in the {@link ViewCatalogue}, with snapshots read through the same
 * {@link ViewReader} and access rules as REST. A list or group channel's snapshot is the first page of its listing
 * (at most {@link #SNAPSHOT_LIMIT} rows).
 */
public final class CatalogueLiveViews implements LiveViews {

    public static final int SNAPSHOT_LIMIT = 100;
    /** An id or group value in a channel name: printable, no spaces, bounded. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,256}");

    private final ViewCatalogue catalogue;
    private final ViewRows reader;

    public CatalogueLiveViews(ViewCatalogue catalogue, ViewRows reader) {
        this.catalogue = catalogue;
        this.reader = reader;
    }

    @Override
    public Optional<Channel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Channel found = null;
        for (ViewDefinition view : catalogue.views()) {
            for (ChannelSpec spec : view.channels()) {
                if (spec.kind() == ChannelSpec.Kind.ALL) {
                    if (spec.name().equals(name)) {
                        return Optional.of(new Channel(name, view, spec, null));
                    }
                } else if (name.startsWith(spec.name()) && KEY.matcher(name.substring(spec.name().length())).matches()
                        && (found == null || spec.name().length() > found.spec().name().length())) {
                    // The longest prefix wins: poot:scores:<id> is not an entity of some poot: channel.
                    found = new Channel(name, view, spec, name.substring(spec.name().length()));
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public Optional<AccessScope> authorize(Channel channel, Caller caller) {
        AccessScope scope = AccessScope.of(channel.view().access(), caller);
        if (scope instanceof AccessScope.Denied) {
            return Optional.empty();
        }
        if (scope instanceof AccessScope.Field field) {
            if (channel.isEntity()) {
                // A restricted caller may watch a row it may read; an unknown row is refused like a foreign one.
                if (reader.find(channel.view(), channel.key(), scope).isEmpty()) {
                    return Optional.empty();
                }
            } else if (channel.spec().kind() == ChannelSpec.Kind.GROUP && channel.spec().field().equals(field.field())
                    && !channel.key().equals(field.value())) {
                return Optional.empty();
            }
        }
        return Optional.of(scope);
    }

    @Override
    public Channel.Snapshot snapshot(Channel channel, AccessScope scope) {
        if (channel.isEntity()) {
            return reader.find(channel.view(), channel.key(), scope)
                    .map(row -> new Channel.Snapshot(row.body(), Map.of(row.id(), row.version())))
                    .orElseGet(() -> new Channel.Snapshot("null", Map.of()));
        }
        Listing listing = listingOf(channel);
        Map<Filter, String> filters = channel.spec().kind() == ChannelSpec.Kind.GROUP
                ? Map.of(Filter.text(channel.spec().field()), channel.key()) : Map.of();
        List<ViewReader.StoredRow> rows = reader.firstPage(channel.view(), listing, filters, SNAPSHOT_LIMIT,
                scope);
        Map<String, Long> versions = new LinkedHashMap<>();
        StringBuilder data = new StringBuilder("{\"items\":[");
        for (int i = 0; i < rows.size(); i++) {
            ViewReader.StoredRow row = rows.get(i);
            versions.put(row.id(), row.version());
            data.append(i == 0 ? "" : ",").append(row.body());
        }
        data.append("]}");
        return new Channel.Snapshot(data.toString(), versions);
    }

    private static Listing listingOf(Channel channel) {
        String path = channel.spec().listing();
        return channel.view().listings().stream().filter(listing -> listing.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("channel " + channel.spec().name()
                        + " names listing " + path + " that view " + channel.view().view() + " does not declare"));
    }
}
