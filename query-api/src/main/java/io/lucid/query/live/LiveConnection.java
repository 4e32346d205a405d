package io.lucid.query.live;

import io.lucid.query.ReadModelUnavailableException;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.TokenVerifier;
import io.lucid.query.view.AccessScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one WebSocket connection, independent of the server: authentication (a token, or a pairing that
 * yields one), subscriptions with their authorisation, snapshots and resumes, ping, and the end of the connection's
 * right (token expiry, revocation, silence, limits). Frames are handled in order on a {@link SerialExecutor};
 * everything sent goes through the connection's {@link SendQueue}. The close codes are listed in
 * docs/live-updates.md.
 */
public final class LiveConnection {

    /** The client went silent: no frame and no pong for the idle timeout. */
    public static final int IDLE_CODE = 4000;
    /** The client did not authenticate within the authentication timeout. */
    public static final int AUTH_TIMEOUT_CODE = 4001;
    /** The connection's right ended or never began: bad, expired or revoked token (4000 + the HTTP status). */
    public static final int UNAUTHORIZED_CODE = 4401;
    /** Close code for a client that floods frames faster than they are handled. */
    public static final int FLOOD_CODE = 4429;
    /** The token's subject already holds the most connections one principal may hold. */
    public static final int TOO_MANY_CONNECTIONS_CODE = 4430;
    static final int MAX_BACKLOG = 64;

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);

    /** What every connection of an instance shares. */
    public record Services(FrameCodec codec, TokenVerifier tokens, SubscriptionRegistry registry, LiveViews views,
            ChangeHistory history, PairingCompleter pairings, LiveConnections connections, Executor pool,
            LiveLimits limits, Clock clock) {
    }

    private final FrameSink sink;
    private final SendQueue out;
    private final Services services;
    private final Executor serial;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Instant openedAt;
    private volatile Instant lastHeard;
    private volatile Instant lastPing;
    private volatile boolean closed;
    private volatile Caller caller;
    private volatile Instant expiresAt;
    /** When the connection's right ended; its closing frames then get one grace second to drain. */
    private volatile Instant endedAt;
    private volatile int endCode;
    private volatile String endReason;

    public LiveConnection(FrameSink sink, Services services) {
        this.sink = sink;
        this.services = services;
        LiveLimits limits = services.limits();
        this.out = new SendQueue(sink, services.codec(), limits.queueCapacity(), limits.slowClientGrace(),
                services.clock());
        this.serial = new SerialExecutor(services.pool(), MAX_BACKLOG);
        this.openedAt = services.clock().instant();
        this.lastHeard = openedAt;
        this.lastPing = openedAt;
    }

    /** The connection opened; {@code token} is the {@code ?token=} parameter, if any. */
    public void opened(Optional<String> token) {
        token.ifPresent(value -> submit(() -> authenticate(value)));
    }

    /** A text frame arrived. */
    public void received(String text) {
        heard();
        submit(() -> handle(text));
    }

    /** The client showed it is alive (a frame or a pong). */
    public void heard() {
        lastHeard = services.clock().instant();
    }

    /** The subject the connection authenticated as, once it has. */
    public Optional<String> subject() {
        Caller current = caller;
        return current == null ? Optional.empty() : Optional.of(current.subject());
    }

    /**
     * The timer's visit: ends the connection whose right or patience ran out, pings it when due, and closes it when
     * its send queue stayed full.
     */
    public void tick(Instant now) {
        if (out.isClosed()) {
            return;
        }
        Instant ended = endedAt;
        if (ended != null) {
            // A client that does not read its last frames must not keep the socket: close it anyway.
            if (!now.isBefore(ended.plusSeconds(1))) {
                out.closeNow(endCode, endReason);
            }
            return;
        }
        if (closed) {
            return;
        }
        LiveLimits limits = services.limits();
        Instant expiry = expiresAt;
        if (expiry != null && !now.isBefore(expiry)) {
            end("token_expired", "the token of this connection has expired", UNAUTHORIZED_CODE, "token expired");
        } else if (caller == null && !now.isBefore(openedAt.plus(limits.authTimeout()))) {
            end("auth_timeout", "no auth or pair frame within " + limits.authTimeout().toSeconds() + " s",
                    AUTH_TIMEOUT_CODE, "authentication timeout");
        } else if (!now.isBefore(lastHeard.plus(limits.idleTimeout()))) {
            out.closeNow(IDLE_CODE, "no sign of life");
            release();
        } else {
            if (!now.isBefore(lastPing.plus(limits.heartbeatInterval()))) {
                lastPing = now;
                sink.ping();
            }
            out.checkSlow();
        }
    }

    /** The caller's token was revoked: tell the client and close at once; its subscriptions end. */
    public void revoked() {
        end("token_revoked", "the token of this connection was revoked", UNAUTHORIZED_CODE, "revoked");
    }

    /** The connection closed: its subscriptions end at once. */
    public void closed() {
        closed = true;
        out.shutdown();
        release();
    }

    private synchronized void end(String code, String message, int closeCode, String reason) {
        if (endedAt != null) {
            return; // ended once: a revocation list refresh or a timer tick after that changes nothing
        }
        endCode = closeCode;
        endReason = reason;
        endedAt = services.clock().instant();
        error(code, message, null);
        out.closeAfterPending(closeCode, reason);
        release();
    }

    private void submit(Runnable task) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException e) {
            out.closeNow(FLOOD_CODE, "too many frames");
        }
    }

    private void handle(String text) {
        if (closed) {
            return;
        }
        ClientFrame frame;
        try {
            frame = services.codec().decode(text);
        } catch (FrameCodec.BadFrameException e) {
            error("bad_frame", e.getMessage(), null);
            return;
        }
        try {
            switch (frame.kind()) {
                case AUTH -> authenticate(frame.token());
                case PAIR -> pair(frame);
                case SUBSCRIBE -> subscribe(frame.channel(), frame.since());
                case UNSUBSCRIBE -> unsubscribe(frame.channel());
                case PING -> out.send(new ServerFrame.Pong());
                case UNKNOWN -> error("unknown_type", "unknown frame type \"" + frame.type() + "\"", null);
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot handle a {} frame", frame.type(), e);
            error("internal_error", "the frame could not be handled", frame.channel());
        }
    }

    private void authenticate(String token) {
        if (caller != null) {
            error("already_authenticated", "this connection is already authenticated", null);
            return;
        }
        Optional<Caller> verified = services.tokens().verify(token);
        if (verified.isEmpty()) {
            end("unauthorized", "the token is missing, invalid or expired", UNAUTHORIZED_CODE, "unauthorized");
            return;
        }
        if (admit(verified.get(), token)) {
            out.send(new ServerFrame.AuthSuccess(caller.subject(), roles(caller)));
        }
    }

    /** Completes the pairing on the command side, then the socket is the new device's. */
    private void pair(ClientFrame frame) {
        if (caller != null) {
            error("already_authenticated", "this connection is already authenticated", null);
            return;
        }
        if (frame.pairingId() == null || frame.tempToken() == null) {
            error("bad_frame", "a pair frame needs \"pairing_id\" and \"temp_token\"", null);
            return;
        }
        PairingCompleter.Outcome outcome =
                services.pairings().complete(frame.pairingId(), frame.tempToken(), frame.deviceInfo());
        if (outcome instanceof PairingCompleter.Refused refused) {
            error(refused.code(), refused.detail(), null);
        } else if (outcome instanceof PairingCompleter.Paired paired) {
            Optional<Caller> device = services.tokens().verify(paired.accessToken());
            if (device.isEmpty()) {
                // The command side issued a token this side does not accept: a configuration fault.
                LOG.error("The device token of pairing {} is not accepted by query-api", frame.pairingId());
                error("unavailable", "the device was paired but its token is not accepted here", null);
            } else if (admit(device.get(), paired.accessToken())) {
                out.send(ServerFrame.AuthSuccess.paired(caller.subject(), roles(caller), paired.deviceId(),
                        paired.accessToken(), paired.expiresAt()));
            }
        } else {
            LOG.warn("Cannot complete a pairing for a live connection: {}",
                    ((PairingCompleter.Unavailable) outcome).reason());
            error("unavailable", "pairing cannot be completed right now; retry later", null);
        }
    }

    /** Takes the caller's place among its principal's connections; false (and closing) when it has none left. */
    private boolean admit(Caller verified, String token) {
        if (!services.connections().claim(verified.subject(), this)) {
            end("too_many_connections", "this principal already holds "
                    + services.limits().maxConnectionsPerPrincipal() + " connections",
                    TOO_MANY_CONNECTIONS_CODE, "too many connections");
            return false;
        }
        expiresAt = TokenExpiry.of(token).orElse(null);
        caller = verified;
        return true;
    }

    private void subscribe(String channelName, Long since) {
        if (caller == null) {
            error("unauthenticated", "send an auth or pair frame before subscribing", channelName);
            return;
        }
        if (since != null && since < 0) {
            error("bad_frame", "\"since\" is a channel version, 0 or more", channelName);
            return;
        }
        Optional<Channel> parsed = services.views().parse(channelName);
        if (parsed.isEmpty()) {
            error("unknown_channel", "no such channel", channelName);
            return;
        }
        Channel channel = parsed.get();
        if (!subscriptions.containsKey(channel.name())
                && subscriptions.size() >= services.limits().maxSubscriptions()) {
            error("too_many_subscriptions", "a connection may hold " + services.limits().maxSubscriptions()
                    + " subscriptions", channelName);
            return;
        }
        Optional<AccessScope> scope;
        try {
            scope = services.views().authorize(channel, caller);
        } catch (ReadModelUnavailableException e) {
            LOG.warn("Cannot authorise {}: {}", channelName, e.getMessage());
            error("unavailable", "the read model cannot be queried right now; retry later", channelName);
            return;
        }
        if (scope.isEmpty()) {
            error("forbidden", "this token may not read the channel", channelName);
            return;
        }
        unsubscribe(channelName);
        Subscription subscription = new Subscription(channel, out, scope.get());
        // Registered before history and snapshot are read: a change passed on meanwhile is held, not lost.
        services.registry().add(subscription);
        subscriptions.put(channel.name(), subscription);
        if (closed) {
            release();
            return;
        }
        String view = channel.view().view();
        if (since != null) {
            Optional<List<ChangeHistory.Entry>> missed = services.history().after(view, channel.name(), since);
            if (missed.isPresent()) {
                subscription.resume(since, missed.get(), services.codec());
                return;
            }
        }
        long version = services.history().last(view);
        try {
            subscription.deliverSnapshot(version, services.views().snapshot(channel, scope.get()), since != null);
        } catch (ReadModelUnavailableException e) {
            LOG.warn("Snapshot of {} unavailable: {}", channelName, e.getMessage());
            unsubscribe(channelName);
            error("unavailable", "the read model cannot be queried right now; retry later", channelName);
        }
    }

    private void unsubscribe(String channelName) {
        Subscription subscription = channelName == null ? null : subscriptions.remove(channelName);
        if (subscription != null) {
            services.registry().remove(subscription);
            out.discard(subscription.keyPrefix());
        }
    }

    private void release() {
        closed = true;
        subscriptions.values().forEach(services.registry()::remove);
        subscriptions.clear();
        services.connections().released(this);
    }

    private void error(String code, String message, String channel) {
        out.send(new ServerFrame.Error(code, message, channel));
    }

    private static List<String> roles(Caller caller) {
        return caller.roles().stream().map(Enum::name).sorted().toList();
    }
}
