package io.lucid.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.test.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Blue/green rebuilds through query-api's admin API, for the tests that use a rebuild as their oracle: read models
 * rebuilt from the topics into a fresh schema must equal the live ones, checksum for checksum, so a live projection
 * that lost or applied twice an effect shows as differing rows.
 */
public final class Rebuilds {

    public static final String REPLAYS = "/api/v1/admin/replays";
    /** Every read model of a domain; not the test probes, whose rows a test may change on purpose. */
    public static final List<String> DOMAIN_PROJECTIONS = List.of("nodes", "pools", "poot", "sessions", "rdp",
            "pairing", "payouts");
    static final Duration REBUILD = Duration.ofSeconds(240);

    private Rebuilds() {
    }

    /** Polls the rebuild until it is in one of {@code states}, for up to {@link #REBUILD}. */
    public static JsonNode awaitState(TestStack stack, long id, String... states) {
        QueryClient query = new QueryClient(stack);
        Set<String> wanted = Set.of(states);
        return await().atMost(REBUILD).pollInterval(Duration.ofMillis(250))
                .until(() -> query.get(REPLAYS + "/" + id, stack.adminToken()).json(),
                        replay -> replay != null && wanted.contains(replay.path("state").asText()));
    }

    /**
     * Rebuilds {@code projections}, asserts that every view of each equals its live table (same rows, same checksum)
     * and drops the rebuild. Returns how many rows the views compared have.
     */
    public static long assertRebuildEqualsLive(TestStack stack, List<String> projections) {
        ApiClient admin = new ApiClient(stack.queryApi());
        String body = projections.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",",
                "{\"projections\":[", "]}"));
        Answer started = admin.post(REPLAYS, body, stack.adminToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        try {
            JsonNode replay = awaitState(stack, id, "compared", "failed");
            assertThat(replay.path("state").asText()).as(replay.toString()).isEqualTo("compared");
            long rows = 0;
            for (JsonNode projection : replay.path("comparison").path("projections")) {
                assertThat(projection.path("differing_rows").asLong()).as(projection.toString()).isZero();
                for (JsonNode view : projection.path("views")) {
                    assertThat(view.path("equal").asBoolean()).as(view.toString()).isTrue();
                    rows += view.path("live_rows").asLong();
                }
            }
            assertThat(replay.path("comparison").path("equal").asBoolean()).as(replay.toString()).isTrue();
            return rows;
        } finally {
            admin.delete(REPLAYS + "/" + id, stack.adminToken());
            awaitState(stack, id, "dropped", "failed");
        }
    }
}
