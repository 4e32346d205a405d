package io.lucid.devstack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One WebSocket connection to query-api's {@code /ws} as a test sees it: its text frames in order and its close. */
public final class LiveSocket implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Completes at the server's first WebSocket ping (the JDK client answers it with a pong by itself). */
    public final CompletableFuture<Void> pinged = new CompletableFuture<>();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket webSocket;

    private LiveSocket() {
    }

    /** Opens {@code /ws} under {@code queryApi}. */
    public static LiveSocket open(HttpClient http, URI queryApi) throws Exception {
        LiveSocket socket = new LiveSocket();
        URI ws = URI.create(queryApi.toString().replaceFirst("^http", "ws") + "/ws");
        socket.webSocket = http.newWebSocketBuilder().buildAsync(ws, socket).get(10, TimeUnit.SECONDS);
        return socket;
    }

    public void send(String frame) {
        webSocket.sendText(frame, true).join();
    }

    /** The next frame, or null after {@code seconds}. */
    public JsonNode next(long seconds) throws InterruptedException {
        String frame = frames.poll(seconds, TimeUnit.SECONDS);
        return frame == null ? null : json(frame);
    }

    /** The next frame of {@code type}, skipping others, or null after {@code seconds}. */
    public JsonNode nextOfType(String type, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode frame = next(1);
            if (frame != null && type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
        return null;
    }

    public int closeCode(long seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    /** Drops the TCP connection without a close handshake, as a network failure would. */
    public void abort() {
        webSocket.abort();
    }

    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, java.nio.ByteBuffer message) {
        pinged.complete(null);
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.completeExceptionally(error);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
