package io.lucid.devstack.slice;

import io.lucid.devstack.test.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a client of the node slice does, against a running stack: register nodes over REST, read the
 * view, watch a WebSocket channel; plus the one peek behind the curtain tests need (the event count).
 */
public final class SliceClient {

    private static final String JSON = "application/json";
    private final TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    public SliceClient(TestStack stack) {
        this.stack = stack;
    }

    /** A RegisterNode body that breaks no rule, for a node id and name of the caller's choosing. */
    public static String registration(String nodeId, String name) {
        return """
                {"node_id":"%s","name":"%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE","region":"eu-central"},
                 "wallet_address":"TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz",
                 "public_key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}
                """.formatted(nodeId, name);
    }

    public HttpResponse<String> register(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.commandApi().resolve("/api/v1/nodes"))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> node(String nodeId, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stack.queryApi().resolve("/api/v1/nodes/" + nodeId))
                .header("Authorization", "Bearer " + token)
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Rows in the event store: what a rejected command must leave unchanged. */
    public long storedEvents() throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Opens {@code /ws} and collects every text frame the server sends. */
    public Frames connect() throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        Frames frames = new Frames();
        URI ws = URI.create(stack.queryApi().toString().replaceFirst("^http", "ws") + "/ws");
        frames.socket = http.newWebSocketBuilder().buildAsync(ws, frames).get(10, TimeUnit.SECONDS);
        return frames;
    }

    /** The frames of one WebSocket connection, in arrival order. */
    public static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        public void send(String frame) {
            socket.sendText(frame, true).join();
        }

        /** The next frame, or null after {@code seconds}. */
        public String next(long seconds) throws InterruptedException {
            return received.poll(seconds, TimeUnit.SECONDS);
        }

        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
