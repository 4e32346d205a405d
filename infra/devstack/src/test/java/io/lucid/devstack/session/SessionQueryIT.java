package io.lucid.devstack.session;

import static io.lucid.devstack.api.QueryClient.expectBadParameter;
import static io.lucid.devstack.api.QueryClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.api.QueryStackClients;
import io.lucid.devstack.api.QueryClient.Read;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session read side on the real embedded stack: {@code GET /api/v1/sessions/{id}} follows every command of the
 * lifecycle (totals, seal and anchor as the commands answered them), {@code /sessions/{id}/chunks} lists the chunks
 * in sequence order page by page, {@code /sessions} filters by state, node and owner; who may read what; bad
 * parameters are 400s naming the parameter, never a 5xx.
 */
class SessionQueryIT extends QueryStackClients {




    private static String create(String token, String body) {
        Answer created = api.post("/api/v1/sessions", body, token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("session_id");
    }

    private static Answer command(String path, String body, String token, int status) {
        Answer answer = body != null && body.equals("DELETE") ? api.delete(path, token) : api.post(path, body, token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    @Test
    void theSessionViewFollowsEveryStepOfTheLifecycle() {
        String operator = "op-" + unique();
        String token = tokens.of("OPERATOR", operator);
        String node = "node_rs_" + unique();
        String id = create(token, "{\"name\":\"read lifecycle\",\"node_id\":\"" + node
                + "\",\"recording\":{\"frame_rate\":25},\"metadata\":{\"tags\":[\"it\",\"read\"],\"priority\":\"high\"}}");
        String path = "/api/v1/sessions/" + id;
        String reader = stack.adminToken();

        JsonNode created = query.awaitField(path, reader, "state", "CREATED");
        assertThat(created.path("session_id").asText()).isEqualTo(id);
        assertThat(created.path("name").asText()).isEqualTo("read lifecycle");
        assertThat(created.path("owner").asText()).isEqualTo(operator);
        assertThat(created.path("node_id").asText()).isEqualTo(node);
        assertThat(created.path("recording").path("frame_rate").asInt()).isEqualTo(25);
        assertThat(created.path("recording").path("resolution").asText()).isEqualTo("1920x1080");
        assertThat(created.path("storage").path("max_size_gb").asInt()).isEqualTo(10);
        assertThat(created.path("metadata").path("tags").toString()).isEqualTo("[\"it\",\"read\"]");
        assertThat(created.path("metadata").path("priority").asText()).isEqualTo("high");
        assertThat(created.path("chunk_count").asLong()).isZero();
        assertThat(created.path("total_size_bytes").asLong()).isZero();
        assertThat(created.path("merkle_root").isNull()).isTrue();
        assertThat(created.path("anchor").isNull()).isTrue();
        assertThat(created.has("sessionId")).as("snake_case only").isFalse();

        command(path + "/start", null, token, 200);
        assertThat(query.awaitField(path, reader, "state", "RECORDING").path("started_at").isTextual()).isTrue();

        for (int i = 1; i <= 3; i++) {
            command(path + "/chunks", SessionIT.chunk(i, SessionIT.LEAVES.get(i - 1)), token, 201);
        }
        command(path + "/chunks", SessionIT.chunk(2, SessionIT.LEAVES.get(1)), token, 200); // a repeat counts once
        JsonNode recorded = query.awaitBody(path, reader, body -> body.path("chunk_count").asLong() == 3);
        assertThat(recorded.path("total_size_bytes").asLong()).isEqualTo(3072);
        assertThat(recorded.path("duration_ms").asLong()).isEqualTo(6000);
        assertThat(recorded.path("frame_count").asLong()).isEqualTo(180);

        command(path + "/stop", null, token, 200);
        JsonNode stopped = query.awaitField(path, reader, "state", "STOPPED");
        assertThat(stopped.path("stop_reason").asText()).isEqualTo("requested");
        assertThat(stopped.path("stopped_at").isTextual()).isTrue();

        Answer processed = command(path + "/process", null, token, 200);
        JsonNode sealed = query.awaitField(path, reader, "state", "PROCESSED");
        assertThat(sealed.path("merkle_root").asText()).isEqualTo(processed.text("merkle_root")).isEqualTo(SessionIT.ROOT_OF_THREE);
        assertThat(sealed.path("manifest_hash").asText()).isEqualTo(processed.text("manifest_hash")).matches("[0-9a-f]{64}");
        assertThat(sealed.path("chunk_count").asLong()).isEqualTo(processed.json().path("chunk_count").asLong()).isEqualTo(3);
        assertThat(sealed.path("total_size_bytes").asLong()).isEqualTo(processed.json().path("total_size").asLong());
        assertThat(sealed.path("processed_at").isTextual()).isTrue();

        command(path + "/anchor", "{\"chain\":\"tron\",\"anchor_txid\":\"tx-" + id + "\",\"block_height\":42}", token, 200);
        JsonNode anchored = query.awaitField(path, reader, "state", "ANCHORED");
        JsonNode anchor = anchored.path("anchor");
        assertThat(anchor.path("chain").asText()).isEqualTo("tron");
        assertThat(anchor.path("txid").asText()).isEqualTo("tx-" + id);
        assertThat(anchor.path("block_height").asLong()).isEqualTo(42);
        assertThat(Instant.parse(anchor.path("anchored_at").asText())).isAfterOrEqualTo(Instant.parse(sealed.path("processed_at").asText()));
        assertThat(anchored.path("manifest_hash").asText()).isEqualTo(processed.text("manifest_hash"));

        command(path, "DELETE", token, 200);
        JsonNode deleted = query.awaitField(path, reader, "state", "DELETED");
        assertThat(deleted.path("deleted_at").isTextual()).isTrue();
        assertThat(deleted.path("merkle_root").asText()).as("the seal stays verifiable").isEqualTo(SessionIT.ROOT_OF_THREE);
        assertThat(Instant.parse(deleted.path("updated_at").asText())).isAfterOrEqualTo(Instant.parse(deleted.path("deleted_at").asText()));
    }

    @Test
    void theChunksOfASessionAreListedInSequenceOrderPageByPage() {
        String owner = "op-" + unique();
        String token = tokens.of("OPERATOR", owner);
        String id = create(token, "{\"name\":\"chunks\"}");
        String path = "/api/v1/sessions/" + id;
        command(path + "/start", null, token, 200);
        List<String> hashes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String hash = String.format("%064x", i * 7919L);
            hashes.add(hash);
            command(path + "/chunks", SessionIT.chunk(i, hash), token, 201);
        }
        command(path + "/stop", null, token, 200);
        query.awaitBody(path, stack.adminToken(), body -> body.path("chunk_count").asLong() == 5);
        String reader = tokens.of("AUDITOR", "audit-" + unique());

        Read first = query.get(path + "/chunks?limit=2", reader);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.items()).extracting(chunk -> chunk.path("sequence_number").asLong()).containsExactly(1L, 2L);
        assertThat(first.nextCursor()).isNotNull();
        Read second = query.get(path + "/chunks?limit=2&cursor=" + QueryClient.encode(first.nextCursor()), reader);
        assertThat(second.items()).extracting(chunk -> chunk.path("sequence_number").asLong()).containsExactly(3L, 4L);
        Read last = query.get(path + "/chunks?limit=2&cursor=" + QueryClient.encode(second.nextCursor()), reader);
        assertThat(last.items()).extracting(chunk -> chunk.path("sequence_number").asLong()).containsExactly(5L);
        assertThat(last.nextCursor()).isNull();

        List<JsonNode> chunks = query.all(path + "/chunks", reader, 100, "chunk_id");
        assertThat(chunks).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode chunk = chunks.get(i);
            assertThat(chunk.path("chunk_id").asText()).isEqualTo(id + ":" + (i + 1));
            assertThat(chunk.path("session_id").asText()).isEqualTo(id);
            assertThat(chunk.path("owner").asText()).isEqualTo(owner);
            assertThat(chunk.path("ciphertext_sha256").asText()).isEqualTo(hashes.get(i));
            assertThat(chunk.path("size_bytes").asLong()).isEqualTo(1024);
            assertThat(chunk.path("duration_ms").asLong()).isEqualTo(2000);
            assertThat(chunk.path("frame_count").asInt()).isEqualTo(60);
            assertThat(chunk.path("recorded_at").isTextual()).isTrue();
        }
        assertThat(query.get(path + "/chunks", reader).items()).as("default limit covers five").hasSize(5);
    }

    @Test
    void aFailedSessionShowsWhyAndWhen() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String node = "node_rf_" + unique();
        String id = create(token, "{\"name\":\"doomed\",\"node_id\":\"" + node + "\"}");
        command("/api/v1/sessions/" + id + "/start", null, token, 200);
        command("/api/v1/sessions/" + id + "/fail", "{\"reason\":\"encoder crashed\"}", token, 200);

        JsonNode failed = query.awaitField("/api/v1/sessions/" + id, stack.adminToken(), "state", "FAILED");
        assertThat(failed.path("failure_reason").asText()).isEqualTo("encoder crashed");
        assertThat(failed.path("failed_at").isTextual()).isTrue();
        assertThat(query.get("/api/v1/sessions?state=FAILED&node_id=" + node, token).itemIds("session_id")).containsExactly(id);
        assertThat(query.get("/api/v1/sessions?state=RECORDING&node_id=" + node, token).items()).isEmpty();
    }

    @Test
    void listsFilterByStateNodeAndOwnerNewestFirstAndPageWithoutRepeats() {
        String owner = "op-" + unique();
        String token = tokens.of("OPERATOR", owner);
        String node = "node_rl_" + unique();
        String otherNode = "node_rl_" + unique();
        List<String> onNode = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            onNode.add(create(token, "{\"name\":\"list " + i + "\",\"node_id\":\"" + node + "\"}"));
        }
        String elsewhere = create(token, "{\"name\":\"elsewhere\",\"node_id\":\"" + otherNode + "\"}");
        String recording = onNode.get(2);
        command("/api/v1/sessions/" + recording + "/start", null, token, 200);
        String reader = stack.adminToken();
        query.awaitField("/api/v1/sessions/" + recording, reader, "state", "RECORDING");
        query.awaitField("/api/v1/sessions/" + elsewhere, reader, "state", "CREATED");
        for (String id : onNode) {
            query.awaitField("/api/v1/sessions/" + id, reader, "session_id", id);
        }

        List<JsonNode> paged = query.all("/api/v1/sessions?node_id=" + node, reader, 2, "session_id");
        assertThat(paged).extracting(s -> s.path("session_id").asText()).containsExactlyInAnyOrderElementsOf(onNode);
        List<String> createdAt = paged.stream().map(s -> s.path("created_at").asText()).toList();
        assertThat(createdAt).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Read firstPage = query.get("/api/v1/sessions?node_id=" + node + "&limit=2", reader);
        assertThat(firstPage.items()).hasSize(2);
        assertThat(firstPage.nextCursor()).isNotNull();

        assertThat(query.get("/api/v1/sessions?node_id=" + node + "&state=RECORDING", reader).itemIds("session_id"))
                .containsExactly(recording);
        assertThat(query.all("/api/v1/sessions?node_id=" + node + "&state=CREATED", reader, 100, "session_id"))
                .extracting(s -> s.path("session_id").asText()).hasSize(4).doesNotContain(recording);
        assertThat(query.all("/api/v1/sessions?owner=" + owner, reader, 100, "session_id"))
                .extracting(s -> s.path("session_id").asText())
                .containsExactlyInAnyOrderElementsOf(concat(onNode, elsewhere));
        assertThat(query.get("/api/v1/sessions?owner=" + owner + "&node_id=" + otherNode, reader).itemIds("session_id"))
                .containsExactly(elsewhere);
        assertThat(query.get("/api/v1/sessions?owner=nobody-" + unique(), reader).items()).isEmpty();
        assertThat(query.all("/api/v1/sessions?state=RECORDING", reader, 100, "session_id"))
                .allSatisfy(s -> assertThat(s.path("state").asText()).isEqualTo("RECORDING"));

        command("/api/v1/sessions/" + recording + "/stop", null, token, 200);
    }

    @Test
    void aReadAnswersWithAnEntityTagThatChangesWithTheRow() {
        String token = tokens.of("OPERATOR", "op-" + unique());
        String id = create(token, "{\"name\":\"etag\"}");
        String path = "/api/v1/sessions/" + id;
        query.awaitField(path, token, "state", "CREATED");
        Read first = query.get(path, token);
        assertThat(first.etag()).isNotBlank();
        Read unchanged = query.get(path, token, "If-None-Match", first.etag());
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        command(path + "/fail", "{\"reason\":\"changed\"}", token, 200);
        query.awaitField(path, token, "state", "FAILED");
        Read changed = query.get(path, token, "If-None-Match", first.etag());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.etag()).isNotEqualTo(first.etag());
    }

    @Test
    void readersSeeEverySessionAndADeviceOnlyItsOwnAndTheirChunks() {
        String device = UUID.randomUUID().toString();
        String deviceToken = tokens.of("DEVICE", device);
        String otherDevice = tokens.of("DEVICE", UUID.randomUUID().toString());
        String node = "node_ra_" + unique();
        String mine = create(deviceToken, "{\"name\":\"mine\",\"node_id\":\"" + node + "\"}");
        command("/api/v1/sessions/" + mine + "/start", null, deviceToken, 200);
        command("/api/v1/sessions/" + mine + "/chunks", SessionIT.chunk(1, SessionIT.LEAVES.get(0)), deviceToken, 201);
        command("/api/v1/sessions/" + mine + "/stop", null, deviceToken, 200);
        String theirs = create(otherDevice, "{\"name\":\"theirs\",\"node_id\":\"" + node + "\"}");
        String operators = create(tokens.of("OPERATOR", "op-" + unique()), "{\"name\":\"operators\",\"node_id\":\"" + node + "\"}");
        query.awaitBody("/api/v1/sessions/" + mine, stack.adminToken(), body -> body.path("chunk_count").asLong() == 1
                && body.path("state").asText().equals("STOPPED"));
        query.awaitField("/api/v1/sessions/" + theirs, stack.adminToken(), "session_id", theirs);
        query.awaitField("/api/v1/sessions/" + operators, stack.adminToken(), "session_id", operators);

        for (String reader : List.of(stack.adminToken(), tokens.of("OPERATOR", "op-" + unique()),
                tokens.of("AUDITOR", "audit-" + unique()))) {
            for (String id : List.of(mine, theirs, operators)) {
                assertThat(query.get("/api/v1/sessions/" + id, reader).status()).isEqualTo(200);
            }
            assertThat(query.get("/api/v1/sessions/" + mine + "/chunks", reader).items()).hasSize(1);
            assertThat(query.all("/api/v1/sessions?node_id=" + node, reader, 100, "session_id"))
                    .extracting(s -> s.path("session_id").asText()).containsExactlyInAnyOrder(mine, theirs, operators);
        }

        Read own = query.get("/api/v1/sessions/" + mine, deviceToken);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("owner").asText()).isEqualTo(device);
        Read ownChunks = query.get("/api/v1/sessions/" + mine + "/chunks", deviceToken);
        assertThat(ownChunks.status()).isEqualTo(200);
        assertThat(ownChunks.items()).extracting(c -> c.path("sequence_number").asLong()).containsExactly(1L);
        expectProblem(query.get("/api/v1/sessions/" + theirs, deviceToken), 404, "session_not_found");
        expectProblem(query.get("/api/v1/sessions/" + operators, deviceToken), 404, "session_not_found");
        Read othersChunks = query.get("/api/v1/sessions/" + mine + "/chunks", otherDevice);
        assertThat(othersChunks.status()).as(othersChunks.toString()).isIn(200, 404);
        if (othersChunks.status() == 200) {
            assertThat(othersChunks.items()).as("another owner's chunks are not shown").isEmpty();
        }
        List<JsonNode> listed = query.all("/api/v1/sessions", deviceToken, 100, "session_id");
        assertThat(listed).extracting(s -> s.path("session_id").asText()).containsExactly(mine);
        assertThat(query.get("/api/v1/sessions?node_id=" + node, deviceToken).itemIds("session_id")).containsExactly(mine);
        assertThat(query.get("/api/v1/sessions?owner=" + device, otherDevice).items())
                .as("a filter on another owner finds nothing").isEmpty();

        String nodeToken = tokens.node(node);
        expectProblem(query.get("/api/v1/sessions", nodeToken), 403, "forbidden");
        expectProblem(query.get("/api/v1/sessions/" + mine, nodeToken), 403, "forbidden");
        expectProblem(query.get("/api/v1/sessions/" + mine + "/chunks", nodeToken), 403, "forbidden");

        expectProblem(query.get("/api/v1/sessions", null), 401, "unauthorized");
        expectProblem(query.get("/api/v1/sessions/" + mine, null), 401, "unauthorized");
        expectProblem(query.get("/api/v1/sessions/" + mine + "/chunks", null), 401, "unauthorized");
        expectProblem(query.get("/api/v1/sessions/" + mine, "not-a-jwt"), 401, "unauthorized");
    }

    @Test
    void badParametersAreRejectedNamingTheParameterAndUnknownIdsAreNotFound() {
        String token = stack.adminToken();
        String id = create(tokens.of("OPERATOR", "op-" + unique()), "{\"name\":\"bad input\"}");
        query.awaitField("/api/v1/sessions/" + id, token, "state", "CREATED");

        expectBadParameter(query.get("/api/v1/sessions?colour=red", token), "colour");
        expectBadParameter(query.get("/api/v1/sessions?state=RUNNING", token), "state");
        expectBadParameter(query.get("/api/v1/sessions?state=recording", token), "state");
        expectBadParameter(query.get("/api/v1/sessions?state=CREATED&state=FAILED", token), "state");
        expectBadParameter(query.get("/api/v1/sessions?limit=0", token), "limit");
        expectBadParameter(query.get("/api/v1/sessions?limit=101", token), "limit");
        expectBadParameter(query.get("/api/v1/sessions?limit=-1", token), "limit");
        expectBadParameter(query.get("/api/v1/sessions?limit=ten", token), "limit");
        expectBadParameter(query.get("/api/v1/sessions?limit=99999999999", token), "limit");
        expectBadParameter(query.get("/api/v1/sessions?cursor=not-a-cursor", token), "cursor");
        expectBadParameter(query.get("/api/v1/sessions?cursor=" + "A".repeat(3000), token), "cursor");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"l\":\"sessions\",\"k\":1,\"i\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expectBadParameter(query.get("/api/v1/sessions?cursor=" + forged, token), "cursor");
        expectBadParameter(query.get("/api/v1/sessions/" + id + "/chunks?state=CREATED", token), "state");
        expectBadParameter(query.get("/api/v1/sessions/" + id + "/chunks?limit=0", token), "limit");

        // A cursor of one list is not a cursor of another.
        List<String> twoPages = new ArrayList<>();
        String owner = "op-" + unique();
        String ownerToken = tokens.of("OPERATOR", owner);
        twoPages.add(create(ownerToken, "{\"name\":\"page a\"}"));
        twoPages.add(create(ownerToken, "{\"name\":\"page b\"}"));
        twoPages.forEach(s -> query.awaitField("/api/v1/sessions/" + s, token, "session_id", s));
        String sessionsCursor = query.get("/api/v1/sessions?owner=" + owner + "&limit=1", token).nextCursor();
        assertThat(sessionsCursor).isNotNull();
        assertThat(query.get("/api/v1/sessions?owner=" + owner + "&limit=1&cursor=" + QueryClient.encode(sessionsCursor), token)
                .status()).isEqualTo(200);
        expectBadParameter(query.get("/api/v1/sessions/" + id + "/chunks?cursor=" + QueryClient.encode(sessionsCursor), token),
                "cursor");
        expectBadParameter(query.get("/api/v1/rdp-servers?cursor=" + QueryClient.encode(sessionsCursor), token), "cursor");

        expectProblem(query.get("/api/v1/sessions/" + UUID.randomUUID(), token), 404, "session_not_found");
        expectProblem(query.get("/api/v1/sessions/not-a-session", token), 404, "session_not_found");
        expectBadParameter(query.get("/api/v1/sessions/" + "x".repeat(300), token), "id");
        expectBadParameter(query.get("/api/v1/sessions/%00", token), "id");
        for (String path : List.of("/api/v1/sessions?limit=%00", "/api/v1/sessions?owner=%00", "/api/v1/sessions?owner=",
                "/api/v1/sessions?node_id=" + "n".repeat(300), "/api/v1/sessions/" + id + "/chunks/extra",
                "/api/v1/sessions/%E2%82", "/api/v1/sessions?cursor=%FF%FE")) {
            Read read = query.get(path, token);
            assertThat(read.status()).as(path + " -> " + read).isBetween(400, 499);
            assertThat(read.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }
}
