package io.lucid.query.live;

import io.lucid.query.QueryConfig;
import io.lucid.query.auth.TokenVerifier;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint {@code /ws}: a thin adapter that gives each session a {@link LiveConnection}. The
 * handshake is anonymous; the protocol authenticates (an {@code auth} frame or {@code ?token=}).
 */
@ServerWebSocket("/ws")
@Secured(SecurityRule.IS_ANONYMOUS)
public class LiveWebSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWebSocket.class);
    private static final String CONNECTION = "lucid.live.connection";

    private final FrameCodec codec;
    private final TokenVerifier tokens;
    private final SubscriptionRegistry registry;
    private final LiveViews views;
    private final ExecutorService blocking;
    private final int queueCapacity;
    private final LiveConnections connections;

    public LiveWebSocket(FrameCodec codec, TokenVerifier tokens, SubscriptionRegistry registry, LiveViews views,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking, QueryConfig config, LiveConnections connections) {
        this.codec = codec;
        this.tokens = tokens;
        this.registry = registry;
        this.views = views;
        this.blocking = blocking;
        this.queueCapacity = config.wsQueueCapacity();
        this.connections = connections;
    }

    @OnOpen
    public void onOpen(WebSocketSession session) {
        LiveConnection connection = new LiveConnection(new SessionSink(session), codec, tokens, registry, views,
                blocking, queueCapacity);
        session.put(CONNECTION, connection);
        connections.opened(connection);
        connection.opened(session.getRequestParameters().getFirst("token"));
    }

    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        connection(session).ifPresent(connection -> connection.received(message));
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        connection(session).ifPresent(connection -> {
            connections.closed(connection);
            connection.closed();
        });
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        LOG.debug("WebSocket session {} failed: {}", session.getId(), error.toString());
    }

    private static Optional<LiveConnection> connection(WebSocketSession session) {
        return session.get(CONNECTION, LiveConnection.class);
    }

    /** Text frames and close codes on a Micronaut session. */
    private record SessionSink(WebSocketSession session) implements FrameSink {

        @Override
        public CompletionStage<?> send(String text) {
            return session.sendAsync(text);
        }

        @Override
        public void close(int code, String reason) {
            session.close(new CloseReason(code, reason));
        }
    }
}
