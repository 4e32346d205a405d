package io.lucid.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lucid watch <channel>}: subscribes to a live channel of query-api's WebSocket and prints every
 * frame as it arrives, so the walk-through needs no WebSocket tool installed. Authenticates with the
 * admin token of the running stack unless {@code LUCID_TOKEN} names another.
 */
final class Watch {

    private Watch() {
    }

    /** The token the terminal clients use: {@code LUCID_TOKEN}, else the running stack's admin token. */
    static String token(Path dataDir) throws java.io.IOException {
        String token = System.getenv("LUCID_TOKEN");
        if (token == null || token.isBlank()) {
            Path tokenFile = dataDir.resolve("admin-token");
            if (!Files.isRegularFile(tokenFile)) {
                throw new StackException("no token: start the stack with ./lucid up or set LUCID_TOKEN");
            }
            token = Files.readString(tokenFile).trim();
        }
        return token;
    }

    static int run(String channel, Path dataDir) throws Exception {
        String token = token(dataDir);
        String port = System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082");
        URI uri = URI.create(System.getenv().getOrDefault("LUCID_QUERY_WS_URL", "ws://127.0.0.1:" + port + "/ws"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(uri, new Printer(closed)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StackException("cannot connect to " + uri + ": is the stack running (./lucid up)?");
        }
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).join();
        socket.sendText("{\"type\":\"subscribe\",\"channel\":\"" + channel.replace("\"", "") + "\"}", true).join();
        System.out.println("watching " + channel + " on " + uri + " (Ctrl-C to stop)");
        return closed.get();
    }

    /** Prints each text frame on its own line; completes when the server closes the connection. */
    private record Printer(CompletableFuture<Integer> closed) implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            System.out.print(data);
            if (last) {
                System.out.println();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            System.out.println("closed by the server: " + statusCode + " " + reason);
            closed.complete(statusCode == WebSocket.NORMAL_CLOSURE ? 0 : 1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            System.out.println("connection failed: " + error.getMessage());
            closed.complete(1);
        }
    }
}
