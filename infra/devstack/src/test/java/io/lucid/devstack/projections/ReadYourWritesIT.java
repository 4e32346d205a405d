package io.lucid.devstack.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.schemas.position.Position;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes: a command's answer carries the position of what it stored; a query given that position answers
 * only once its view shows the command's effect, and never a stale view, also under concurrent load.
 */
class ReadYourWritesIT {

    private static TestStack stack;
    private static ApiClient api;
    private static QueryClient query;
    private static String admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        query = new QueryClient(stack);
        admin = stack.adminToken();
    }

    /** POSTs a command and returns the position header of its answer. */
    private static String command(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.commandApi().resolve(path))
                .header("Authorization", "Bearer " + stack.tokenFor("ADMIN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        String position = response.headers().firstValue(Position.HEADER).orElse(null);
        assertThat(position).as("position header of " + path).isNotNull();
        assertThat(response.body()).contains("\"position\":\"" + position + "\"");
        return position;
    }

    @Test
    void aReadGivenThePositionOfARegistrationSeesTheNode() throws Exception {
        String nodeId = "node_ryw_" + Nodes.unique();
        String position = command("/api/v1/nodes", Nodes.registration(nodeId, new NodeKeys().publicKey()));

        QueryClient.Read answer = query.get("/api/v1/nodes/" + nodeId, admin, Map.of(Position.HEADER, position));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("INACTIVE");
        assertThat(query.get("/api/v1/nodes/" + nodeId + "?position=" + position, admin).status()).isEqualTo(200);
    }

    @Test
    void underConcurrentCommandsAReadWithAPositionIsNeverStale() throws Exception {
        int nodes = 60;
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                done.add(pool.submit(() -> {
                    String nodeId = "node_rywl_" + Nodes.unique();
                    command("/api/v1/nodes", Nodes.registration(nodeId, new NodeKeys().publicKey()));
                    String position = command("/api/v1/nodes/" + nodeId + "/activate", "{}");
                    QueryClient.Read answer = query.get("/api/v1/nodes/" + nodeId, admin,
                            Map.of(Position.HEADER, position));
                    if (answer.status() != 200 || !"ACTIVE".equals(answer.json().path("status").asText())) {
                        stale.add(nodeId + " " + answer.status() + " " + answer.body());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stale).isEmpty();
    }

    @Test
    void aPositionTheViewNeverReachesAnswers503WithRetryAfterInAboutTwoSeconds() {
        String nodeId = "node_rywn_" + Nodes.unique();
        String unreachable = new Position(Instant.now(),
                List.of(new Position.Entry("lucid.node.events", nodeId, 7))).encode();
        Instant start = Instant.now();

        QueryClient.Read answer = query.get("/api/v1/nodes/" + nodeId, admin, Map.of(Position.HEADER, unreachable));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("code").asText()).isEqualTo("not_yet_consistent");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
    }

    @Test
    void aPositionOnATopicTheViewDoesNotReadIsNoWait() {
        String other = new Position(Instant.now(),
                List.of(new Position.Entry("lucid.session.events", "no-such-session", 3))).encode();

        QueryClient.Read answer = query.get("/api/v1/nodes?limit=1", admin, Map.of(Position.HEADER, other));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aPositionThatIsNotOneIsA400NamingIt() {
        QueryClient.Read answer = query.get("/api/v1/nodes?position=garbage!", admin);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("position");
    }
}
