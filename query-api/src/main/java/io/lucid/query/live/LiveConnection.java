package io.lucid.query.live;

import io.lucid.query.ReadModelUnavailableException;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.TokenVerifier;
import io.lucid.query.view.AccessScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one WebSocket connection, independent of the server: authentication (a frame or the token at
 * connect), subscriptions with their authorisation and snapshots, ping. Frames are handled in order on a
 * {@link SerialExecutor}; everything sent goes through the connection's {@link SendQueue}.
 */
public final class LiveConnection {

    /** Close code for a bad token: 4000 + the HTTP status it stands for. */
    public static final int UNAUTHORIZED_CODE = 4401;
    /** Close code for a client that floods frames faster than they are handled. */
    public static final int FLOOD_CODE = 4429;
    static final int MAX_BACKLOG = 64;

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);

    private final SendQueue out;
    private final TokenVerifier tokens;
    private final SubscriptionRegistry registry;
    private final LiveViews views;
    private final FrameCodec codec;
    private final Executor serial;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile Caller caller;

    public LiveConnection(FrameSink sink, FrameCodec codec, TokenVerifier tokens, SubscriptionRegistry registry,
            LiveViews views, Executor pool, int queueCapacity) {
        this.out = new SendQueue(sink, codec, queueCapacity);
        this.codec = codec;
        this.tokens = tokens;
        this.registry = registry;
        this.views = views;
        this.serial = new SerialExecutor(pool, MAX_BACKLOG);
    }

    /** The connection opened; {@code token} is the {@code ?token=} parameter, if any. */
    public void opened(Optional<String> token) {
        token.ifPresent(value -> submit(() -> authenticate(value)));
    }

    /** A text frame arrived. */
    public void received(String text) {
        submit(() -> handle(text));
    }

    /** The subject the connection authenticated as, once it has. */
    public Optional<String> subject() {
        Caller current = caller;
        return current == null ? Optional.empty() : Optional.of(current.subject());
    }

    /** The caller's token was revoked: tell the client and close at once; its subscriptions end. */
    public void revoked() {
        out.send(new ServerFrame.Error("token_revoked", "the token of this connection was revoked", null));
        out.closeAfterPending(UNAUTHORIZED_CODE, "revoked");
        release();
    }

    /** The connection closed: its subscriptions end at once. */
    public void closed() {
        closed = true;
        out.shutdown();
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
        ClientFrame frame;
        try {
            frame = codec.decode(text);
        } catch (FrameCodec.BadFrameException e) {
            error("bad_frame", e.getMessage(), null);
            return;
        }
        try {
            switch (frame.kind()) {
                case AUTH -> authenticate(frame.token());
                case SUBSCRIBE -> subscribe(frame.channel());
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
        Optional<Caller> verified = tokens.verify(token);
        if (verified.isEmpty()) {
            error("unauthorized", "the token is missing, invalid or expired", null);
            out.closeAfterPending(UNAUTHORIZED_CODE, "unauthorized");
            return;
        }
        caller = verified.get();
        List<String> roles = caller.roles().stream().map(Enum::name).sorted().toList();
        out.send(new ServerFrame.AuthSuccess(caller.subject(), roles));
    }

    private void subscribe(String channelName) {
        if (caller == null) {
            error("unauthenticated", "send an auth frame before subscribing", channelName);
            return;
        }
        Optional<Channel> parsed = views.parse(channelName);
        if (parsed.isEmpty()) {
            error("unknown_channel", "no such channel", channelName);
            return;
        }
        Channel channel = parsed.get();
        Optional<AccessScope> scope;
        try {
            scope = views.authorize(channel, caller);
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
        // Registered before the snapshot is read: a change committed meanwhile is held, not lost.
        registry.add(subscription);
        subscriptions.put(channel.name(), subscription);
        if (closed) {
            release();
            return;
        }
        try {
            subscription.deliverSnapshot(views.snapshot(channel, scope.get()));
        } catch (ReadModelUnavailableException e) {
            LOG.warn("Snapshot of {} unavailable: {}", channelName, e.getMessage());
            unsubscribe(channelName);
            error("unavailable", "the read model cannot be queried right now; retry later", channelName);
        }
    }

    private void unsubscribe(String channelName) {
        Subscription subscription = channelName == null ? null : subscriptions.remove(channelName);
        if (subscription != null) {
            registry.remove(subscription);
            out.discard(subscription.keyPrefix());
        }
    }

    private void release() {
        subscriptions.values().forEach(registry::remove);
        subscriptions.clear();
    }

    private void error(String code, String message, String channel) {
        out.send(new ServerFrame.Error(code, message, channel));
    }
}
