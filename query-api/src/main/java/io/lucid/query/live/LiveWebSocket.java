package io.lucid.query.live;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketPongMessage;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint {@code /ws}: a thin adapter that gives each session a {@link LiveConnection}. The
 * handshake is anonymous; the protocol authenticates (an {@code auth} or {@code pair} frame, or {@code ?token=}).
 * Its timer lets every connection check its token expiry, timeouts and heartbeat four times a second.
 */
@ServerWebSocket("/ws")
@Secured(SecurityRule.IS_ANONYMOUS)
public class LiveWebSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWebSocket.class);
    private static final String CONNECTION = "lucid.live.connection";
    private static final byte[] HEARTBEAT = "lucid".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LiveConnection.Services services;
    private final LiveConnections connections;

    public LiveWebSocket(LiveConnection.Services services, LiveConnections connections) {
        this.services = services;
        this.connections = connections;
    }

    @OnOpen
    public void onOpen(WebSocketSession session) {
        LiveConnection connection = new LiveConnection(new SessionSink(session), services);
        session.put(CONNECTION, connection);
        connections.opened(connection);
        connection.opened(session.getRequestParameters().getFirst("token"));
    }

    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        connection(session).ifPresent(connection -> connection.received(message));
    }

    @OnMessage
    public void onPong(WebSocketPongMessage pong, WebSocketSession session) {
        connection(session).ifPresent(LiveConnection::heard);
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

    /** Token expiry is exact to this period; revocations have their own, faster path ({@link LiveConnections}). */
    @Scheduled(fixedRate = "250ms", initialDelay = "1s")
    void tick() {
        connections.tick();
    }

    private static Optional<LiveConnection> connection(WebSocketSession session) {
        return session.get(CONNECTION, LiveConnection.class);
    }

    /** Text frames, pings and close codes on a Micronaut session. */
    private record SessionSink(WebSocketSession session) implements FrameSink {

        @Override
        public CompletionStage<?> send(String text) {
            return session.sendAsync(text);
        }

        /** The session passes a Netty frame through as is: every subscriber's frame wraps the same bytes. */
        @Override
        public CompletionStage<?> send(String text, byte[] utf8) {
            return session.sendAsync(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
        }

        @Override
        public void close(int code, String reason) {
            session.close(new CloseReason(code, reason));
        }

        @Override
        public void ping() {
            if (session.isOpen()) {
                session.sendPingAsync(HEARTBEAT);
            }
        }
    }
}
