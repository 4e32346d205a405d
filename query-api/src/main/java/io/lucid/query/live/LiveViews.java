package io.lucid.query.live;

import io.lucid.query.auth.Caller;
import io.lucid.query.view.AccessScope;
import java.util.Optional;

/**
 * What the live protocol needs from the read side: channel names, who may subscribe, and snapshots. The protocol
 * code goes through this and never names a view.
 */
public interface LiveViews {

    /** The channel a client names, or empty when no view declares it. */
    Optional<Channel> parse(String name);

    /** The rows of the channel the caller may see, or empty when it may not subscribe at all. */
    Optional<AccessScope> authorize(Channel channel, Caller caller);

    /**
     * The channel's current state as the caller may see it.
     *
     * @throws io.lucid.query.ReadModelUnavailableException when the read model cannot be queried
     */
    Channel.Snapshot snapshot(Channel channel, AccessScope scope);
}
