package io.lucid.devstack.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Concurrently;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RDP ports and quotas under concurrency on the real stack (DOMAIN.md section 3): one port per server, the lowest
 * free first, 60 s before a released port is reused, at most 100 servers and 5 per owner, however many creates
 * race. The stack is shared: each test measures the free ports and live servers before it fires, deletes what it
 * created afterwards and lets its released ports skip the cooldown, so later tests find the ports free.
 */
class RdpServerLimitsIT {

    private static final int SYSTEM_LIMIT = 100;
    private static final int OWNER_LIMIT = 5;
    private static final String FREE_PORTS = "SELECT port FROM rdp_port WHERE server_id IS NULL "
            + "AND (released_at IS NULL OR released_at <= now() - interval '60 seconds') ORDER BY port";

    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;

    private final List<String> created = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        TestStack stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
    }

    @AfterEach
    void deleteWhatWasCreated() {
        String token = tokens.of("ADMIN", "limits-cleanup");
        for (String id : created) {
            assertThat(api.delete("/api/v1/rdp-servers/" + id + "?force=true", token).status()).isEqualTo(200);
        }
        db.update("UPDATE rdp_port SET released_at = NULL WHERE server_id IS NULL AND port = ANY(?)", (Object) ports.toArray(Integer[]::new));
    }

    private static String body(int i) {
        return "{\"name\":\"limit-" + i + "\",\"resources\":{\"cpu\":0.5,\"memory_mb\":512,\"disk_mb\":1024,\"network_mbps\":100}}";
    }

    private Answer create(int i, String token) {
        Answer answer = api.post("/api/v1/rdp-servers", body(i), token);
        if (answer.status() == 201) {
            synchronized (this) {
                created.add(answer.text("server_id"));
                ports.add(answer.json().path("port").asInt());
            }
        }
        return answer;
    }

    /** One token per request, {@code perOwner} requests per owner (a fresh subject per owner). */
    private List<Answer> createAtOnce(int count, int perOwner) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tokenOfRequest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokenOfRequest.add(tokens.of("OPERATOR", "owner-" + run + "-" + i / perOwner));
        }
        return Concurrently.run(count, i -> create(i, tokenOfRequest.get(i)));
    }

    private static Map<String, Long> outcome(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.status() + " " + a.code(), Collectors.counting()));
    }

    private static long liveServers() {
        return db.number("SELECT count(*) FROM rdp_port WHERE server_id IS NOT NULL");
    }

    @Test
    void concurrentCreatesGetOnePortEachTheLowestFreeFirst() {
        List<Long> free = db.numbers(FREE_PORTS);
        assumeThat(free.size()).as("free ports on the shared stack").isGreaterThanOrEqualTo(50);
        assumeThat(SYSTEM_LIMIT - liveServers()).as("server capacity on the shared stack").isGreaterThanOrEqualTo(50);

        List<Answer> answers = createAtOnce(50, OWNER_LIMIT);

        assertThat(outcome(answers)).containsOnlyKeys("201 null");
        assertThat(ports).doesNotHaveDuplicates().hasSize(50);
        assertThat(ports.stream().map(Long::valueOf).sorted().toList()).isEqualTo(free.subList(0, 50));
        for (int i = 0; i < created.size(); i++) {
            assertThat(db.number("SELECT port FROM rdp_port WHERE server_id = ?", created.get(i))).isEqualTo(ports.get(i).longValue());
        }
    }

    @Test
    void aReleasedPortRestsSixtySecondsBeforeItIsHandedOutAgain() {
        String token = tokens.of("OPERATOR", "cooldown-" + UUID.randomUUID());
        Answer first = create(0, token);
        int port = first.json().path("port").asInt();
        assertThat(api.delete("/api/v1/rdp-servers/" + first.text("server_id"), token).status()).isEqualTo(200);
        created.remove(first.text("server_id"));

        assertThat(create(1, token).json().path("port").asInt()).as("right after the release").isNotEqualTo(port);
        // Instead of waiting a minute: move the release back in time, first to just inside the cooldown, then past it.
        db.update("UPDATE rdp_port SET released_at = now() - interval '59 seconds' WHERE port = ?", port);
        assertThat(create(2, token).json().path("port").asInt()).as("59 s after the release").isNotEqualTo(port);
        db.update("UPDATE rdp_port SET released_at = now() - interval '61 seconds' WHERE port = ?", port);
        assertThat(create(3, token).json().path("port").asInt()).as("61 s after the release, the lowest free port").isEqualTo(port);
    }

    @Test
    void atMostOneHundredServersExistHoweverManyCreatesRace() {
        // Ports resting after earlier tests would make this a test of the cooldown: let them rest no longer.
        db.update("UPDATE rdp_port SET released_at = NULL WHERE server_id IS NULL");
        long capacity = SYSTEM_LIMIT - liveServers();
        assumeThat(capacity).as("server capacity on the shared stack").isPositive();
        int attempts = (int) Math.max(capacity + 20, 60);

        List<Answer> answers = createAtOnce(attempts, OWNER_LIMIT);

        Map<String, Long> outcome = outcome(answers);
        assertThat(outcome).containsOnlyKeys("201 null", "422 rdp_server_limit_reached");
        assertThat(outcome.get("201 null")).isEqualTo(capacity);
        assertThat(liveServers()).isEqualTo(SYSTEM_LIMIT);
        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void atMostFiveServersPerOwnerHoweverManyCreatesRace() {
        assumeThat(SYSTEM_LIMIT - liveServers()).isGreaterThanOrEqualTo(OWNER_LIMIT);
        List<Answer> answers = createAtOnce(50, 50);

        Map<String, Long> outcome = outcome(answers);
        assertThat(outcome).containsOnlyKeys("201 null", "422 rdp_owner_limit_reached");
        assertThat(outcome.get("201 null")).isEqualTo(OWNER_LIMIT);
        assertThat(ports).doesNotHaveDuplicates().hasSize(OWNER_LIMIT);
    }
}
