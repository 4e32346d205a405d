package io.lucid.query.live;

import java.time.Duration;

/**
 * The bounds of the live protocol (docs/live-updates.md), from {@code lucid.ws.*}.
 *
 * @param queueCapacity           pending frames per connection before it counts as full
 * @param slowClientGrace         how long a queue may stay full before the client is closed as slow
 * @param maxSubscriptions        channels one connection may subscribe to at once
 * @param maxConnectionsPerPrincipal authenticated connections one token subject may hold on this instance
 * @param authTimeout             how long a connection may stay unauthenticated
 * @param idleTimeout             how long a connection may stay silent (no frame, no pong) before it is closed
 * @param heartbeatInterval       how often the server pings each connection
 * @param maxMessageBytes         largest client message, counted after permessage-deflate decompression
 */
public record LiveLimits(int queueCapacity, Duration slowClientGrace, int maxSubscriptions,
        int maxConnectionsPerPrincipal, Duration authTimeout, Duration idleTimeout, Duration heartbeatInterval,
        int maxMessageBytes) {

    public static final LiveLimits DEFAULTS = new LiveLimits(SendQueue.DEFAULT_CAPACITY, SendQueue.DEFAULT_GRACE, 100,
            20, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(20), 65_536);

    public LiveLimits {
        if (queueCapacity < 1 || maxSubscriptions < 1 || maxConnectionsPerPrincipal < 1 || maxMessageBytes < 256) {
            throw new IllegalArgumentException("live limits must be positive (messages at least 256 bytes)");
        }
    }
}
