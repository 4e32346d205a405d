package io.lucid.devstack.query;

import static io.lucid.devstack.api.QueryClient.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.QueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.QueryClient.Read;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The node read side (DOMAIN.md sections 4 and 8): nodes registered and moved through their lifecycle over
 * command-api are served by query-api at {@code /api/v1/nodes/{id}} with every registered field, and listed at
 * {@code /api/v1/nodes} with each filter, keyset pagination (also while nodes are being registered), parameter
 * checking, 404s and conditional requests.
 */
class NodeQueryIT extends ReadSideFixtures {

    private static JsonNode awaitNode(String nodeId, Predicate<JsonNode> condition) {
        return query.awaitEntity("/api/v1/nodes/" + nodeId, admin(), condition);
    }

    private static JsonNode awaitStatus(String nodeId, String status) {
        return awaitNode(nodeId, n -> status.equals(n.path("status").asText()));
    }

    private static void expectBadParameter(String pathAndQuery, String field) {
        Read reply = query.get(pathAndQuery, admin());
        assertThat(reply.status()).as("GET %s -> %s", pathAndQuery, reply).isEqualTo(400);
        assertThat(reply.code()).as(reply.toString()).isEqualTo("invalid_parameter");
        assertThat(reply.errorField()).as(reply.toString()).isEqualTo(field);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRegisteredNodeIsServedWithEveryFieldItWasRegisteredWith() {
        Registered node = register("node_qread_", "validator", Hw.HIGH, "IS", "eu-north");

        JsonNode body = awaitStatus(node.nodeId(), "INACTIVE");

        assertThat(body.path("node_id").asText()).isEqualTo(node.nodeId());
        assertThat(body.path("name").asText()).isEqualTo(node.name());
        assertThat(body.path("node_type").asText()).isEqualTo("validator");
        assertThat(body.path("tier").asText()).isEqualTo("high_performance");
        JsonNode hw = body.path("hardware");
        assertThat(hw.path("cpu_cores").asInt()).isEqualTo(Hw.HIGH.cores);
        assertThat(hw.path("memory_bytes").asLong()).isEqualTo(Hw.HIGH.memory);
        assertThat(hw.path("storage_bytes").asLong()).isEqualTo(Hw.HIGH.storage);
        assertThat(hw.path("storage_type").asText()).isEqualTo("NVMe");
        assertThat(hw.path("network_mbps").asInt()).isEqualTo(Hw.HIGH.network);
        assertThat(hw.path("gpu_model").asText()).isEqualTo("RTX-4090");
        assertThat(body.path("location").path("country").asText()).isEqualTo("IS");
        assertThat(body.path("location").path("region").asText()).isEqualTo("eu-north");
        assertThat(body.path("wallet_address").asText()).isEqualTo(io.lucid.devstack.node.Nodes.WALLET);
        assertThat(body.path("public_key").asText()).isEqualTo(node.publicKey());
        assertThat(body.path("registered_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(body.path("pool_id").isNull()).isTrue();
    }

    @Test
    void aNodeWithoutGpuOrRegionServesThemAsNull() {
        Registered node = register("node_qnull_", "worker", Hw.BASIC, "MT", null);

        JsonNode body = awaitStatus(node.nodeId(), "INACTIVE");

        assertThat(body.path("tier").asText()).isEqualTo("basic");
        assertThat(body.path("hardware").path("gpu_model").isNull()).as(body.toString()).isTrue();
        assertThat(body.path("location").path("region").isNull()).as(body.toString()).isTrue();
    }

    @Test
    void eachFilterOfTheNodeListSelectsExactlyTheMatchingNodes() {
        Registered inactive = register("node_qflt_", "compute", Hw.HIGH, "NO", null);
        Registered active = register("node_qflt_", "storage", Hw.STANDARD, "NO", null);
        Registered maintenance = register("node_qflt_", "validator", Hw.BASIC, "FI", null);
        Registered deregistered = register("node_qflt_", "worker", Hw.BASIC, "FI", null);
        command(active.nodeId(), "activate");
        command(maintenance.nodeId(), "activate");
        command(maintenance.nodeId(), "maintenance/enter");
        deregister(deregistered.nodeId());
        awaitStatus(inactive.nodeId(), "INACTIVE");
        String poolId = awaitNode(active.nodeId(), n -> "ACTIVE".equals(n.path("status").asText())
                && n.path("pool_id").isTextual()).path("pool_id").asText();
        awaitStatus(maintenance.nodeId(), "MAINTENANCE");
        awaitStatus(deregistered.nodeId(), "DEREGISTERED");
        List<Registered> mine = List.of(inactive, active, maintenance, deregistered);

        expectFilter("status=INACTIVE", n -> n.path("status").asText().equals("INACTIVE"), mine, inactive);
        expectFilter("status=ACTIVE", n -> n.path("status").asText().equals("ACTIVE"), mine, active);
        expectFilter("status=MAINTENANCE", n -> n.path("status").asText().equals("MAINTENANCE"), mine, maintenance);
        expectFilter("status=DEREGISTERED", n -> n.path("status").asText().equals("DEREGISTERED"), mine,
                deregistered);
        expectFilter("tier=high_performance", n -> n.path("tier").asText().equals("high_performance"), mine,
                inactive);
        expectFilter("tier=standard", n -> n.path("tier").asText().equals("standard"), mine, active);
        expectFilter("tier=basic", n -> n.path("tier").asText().equals("basic"), mine, maintenance, deregistered);
        expectFilter("node_type=compute", n -> n.path("node_type").asText().equals("compute"), mine, inactive);
        expectFilter("node_type=storage", n -> n.path("node_type").asText().equals("storage"), mine, active);
        expectFilter("node_type=validator", n -> n.path("node_type").asText().equals("validator"), mine,
                maintenance);
        expectFilter("country=NO", n -> n.path("location").path("country").asText().equals("NO"), mine, inactive,
                active);
        expectFilter("country=FI", n -> n.path("location").path("country").asText().equals("FI"), mine,
                maintenance, deregistered);
        expectFilter("pool_id=" + poolId, n -> n.path("pool_id").asText().equals(poolId), mine, active);
        expectFilter("country=NO&tier=standard&status=ACTIVE", n -> n.path("tier").asText().equals("standard")
                && n.path("location").path("country").asText().equals("NO"), mine, active);
    }

    /** Every listed node matches; of {@code mine}, exactly {@code expected} are listed. */
    private static void expectFilter(String filter, Predicate<JsonNode> matches, List<Registered> mine,
            Registered... expected) {
        List<JsonNode> listed = query.all("/api/v1/nodes", filter + "&limit=100", admin());
        assertThat(listed).as(filter).allMatch(matches);
        Set<String> mineListed = new HashSet<>(texts(listed, "node_id"));
        mineListed.retainAll(mine.stream().map(Registered::nodeId).toList());
        assertThat(mineListed).as(filter).containsExactlyInAnyOrderElementsOf(
                List.of(expected).stream().map(Registered::nodeId).toList());
    }

    @Test
    void limitTwoWalksEveryPageOnceInIdOrderMissingNoNode() {
        List<String> mine = IntStream.range(0, 5)
                .mapToObj(i -> register("node_qpage_", "worker", Hw.BASIC, "LU", null).nodeId()).toList();
        mine.forEach(id -> awaitStatus(id, "INACTIVE"));

        List<Read> pages = query.walk("/api/v1/nodes", "country=LU&limit=2", admin());
        List<String> walked = new ArrayList<>();
        pages.forEach(page -> {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            walked.addAll(texts(page.items(), "node_id"));
        });
        pages.subList(0, pages.size() - 1).forEach(page -> assertThat(page.items()).hasSize(2));
        List<String> oneShot = texts(query.all("/api/v1/nodes", "country=LU&limit=100", admin()), "node_id");

        assertThat(walked).doesNotHaveDuplicates().containsAll(mine).isSorted().isEqualTo(oneShot);
        assertThat(pages.size()).isEqualTo((walked.size() + 1) / 2);
    }

    @Test
    void theDefaultPageHoldsTwentyNodes() {
        IntStream.range(0, 21).forEach(i -> register("node_qdef_", Hw.BASIC));
        query.awaitRead("/api/v1/nodes", admin(), r -> r.status() == 200 && r.nextCursor() != null);

        assertThat(query.get("/api/v1/nodes", admin()).items()).hasSize(20);
        assertThat(query.get("/api/v1/nodes?limit=100", admin()).items()).hasSizeGreaterThanOrEqualTo(21);
    }

    @Test
    void badFilterValuesUnknownParametersBadCursorsAndLimitsAre400NamingTheParameter() {
        expectBadParameter("/api/v1/nodes?status=RUNNING", "status");
        expectBadParameter("/api/v1/nodes?status=active", "status");
        expectBadParameter("/api/v1/nodes?tier=gold", "tier");
        expectBadParameter("/api/v1/nodes?node_type=miner", "node_type");
        expectBadParameter("/api/v1/nodes?status=ACTIVE&status=INACTIVE", "status");
        expectBadParameter("/api/v1/nodes?colour=red", "colour");
        expectBadParameter("/api/v1/nodes?cursor=not-a-cursor", "cursor");
        expectBadParameter("/api/v1/nodes?cursor=", "cursor");
        expectBadParameter("/api/v1/nodes?limit=0", "limit");
        expectBadParameter("/api/v1/nodes?limit=101", "limit");
        expectBadParameter("/api/v1/nodes?limit=-1", "limit");
        expectBadParameter("/api/v1/nodes?limit=ten", "limit");
        expectBadParameter("/api/v1/nodes?limit=2147483648", "limit");
        expectBadParameter("/api/v1/nodes?country=" + "X".repeat(300), "country");
        expectBadParameter("/api/v1/nodes?country=%00", "country");

        assertThat(query.get("/api/v1/nodes?limit=1", admin()).status()).isEqualTo(200);
        assertThat(query.get("/api/v1/nodes?limit=100", admin()).status()).isEqualTo(200);
    }

    @Test
    void aCursorOfAnotherListIs400NamingTheCursor() {
        IntStream.range(0, 3).forEach(i -> register("node_qcur_", "worker", Hw.BASIC, "EE", null));
        Read firstPage = query.awaitRead("/api/v1/nodes?country=EE&limit=1", admin(),
                r -> r.status() == 200 && r.nextCursor() != null);
        assertThat(query.get("/api/v1/nodes?country=EE&limit=1&cursor=" + firstPage.nextCursor(), admin()).status())
                .isEqualTo(200);

        expectBadParameter("/api/v1/payouts?cursor=" + firstPage.nextCursor(), "cursor");
        expectBadParameter("/api/v1/pools?cursor=" + firstPage.nextCursor(), "cursor");
    }

    @Test
    void anUnknownNodeIs404NodeNotFound() {
        Read reply = query.get("/api/v1/nodes/node_never_registered_" + io.lucid.devstack.node.Nodes.unique(),
                admin());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("node_not_found");
    }

    @Test
    void anIdWithANulByteOrMalformedEncodingIs400NeverAServerError() {
        for (String id : List.of("node_%00abc", "%00", "node_abc%0A", "node_%E2%28%A1bad")) {
            Read reply = query.get("/api/v1/nodes/" + id, admin());
            assertThat(reply.status()).as("%s -> %s", id, reply).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("invalid_parameter");
        }
        assertThat(query.get("/api/v1/nodes/node_%00abc", admin()).errorField()).isEqualTo("id");
        for (String id : List.of("node_%zz", "node_%4", "node_%", "node_%G0")) {
            Read reply = query.rawGet("/api/v1/nodes/" + id, tokens.of("ADMIN", "it-raw"));
            assertThat(reply.status()).as("%s -> %s", id, reply).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("Exception");
        }
        Read tooLong = query.get("/api/v1/nodes/node_" + "a".repeat(300), admin());
        assertThat(tooLong.status()).as(tooLong.toString()).isBetween(400, 404);
    }

    @Test
    void anUnchangedNodeAnswers304ToItsEtagAndAChangedNodeHasANewEtag() {
        Registered node = register("node_qetag_", Hw.STANDARD);
        awaitStatus(node.nodeId(), "INACTIVE");
        String path = "/api/v1/nodes/" + node.nodeId();
        Read first = query.get(path, admin());
        assertThat(first.etag()).as(first.toString()).isNotBlank();

        Read notModified = query.get(path, admin(), Map.of("If-None-Match", first.etag()));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.etag()).isEqualTo(first.etag());
        assertThat(query.get(path, admin(), Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(200);

        command(node.nodeId(), "activate");
        Read changed = query.awaitRead(path, admin(), r -> r.status() == 200
                && r.json().path("status").asText().equals("ACTIVE"));
        assertThat(changed.etag()).isNotBlank().isNotEqualTo(first.etag());
        assertThat(query.get(path, admin(), Map.of("If-None-Match", first.etag())).status()).isEqualTo(200);
        assertThat(query.get(path, admin(), Map.of("If-None-Match", changed.etag())).status()).isIn(200, 304);
    }

    @Test
    void anUnchangedListPageAnswers304ToItsEtag() {
        Registered node = register("node_qletag_", "worker", Hw.BASIC, "LV", null);
        awaitStatus(node.nodeId(), "INACTIVE");
        String path = "/api/v1/nodes?country=LV&status=INACTIVE";
        Read first = query.get(path, admin());
        assertThat(first.etag()).isNotBlank();

        assertThat(query.get(path, admin(), Map.of("If-None-Match", first.etag())).status()).isEqualTo(304);

        command(node.nodeId(), "activate");
        query.awaitRead(path, admin(), r -> r.status() == 200 && !r.etag().equals(first.etag()));
    }

    @Test
    void aWalkWhileNodesAreBeingRegisteredListsEveryEarlierNodeExactlyOnce() throws Exception {
        List<String> seeded = IntStream.range(0, 12).mapToObj(i -> register("node_", Hw.BASIC).nodeId()).toList();
        seeded.forEach(id -> awaitStatus(id, "INACTIVE"));
        Set<String> before = new HashSet<>(texts(query.all("/api/v1/nodes", "limit=100", admin()), "node_id"));
        assertThat(before).containsAll(seeded);

        AtomicBoolean walking = new AtomicBoolean(true);
        Set<String> registeredDuring = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread registrar = new Thread(() -> {
            try {
                while (walking.get()) {
                    // ids spread over the whole id order ("node_" + random hex), so they land before and after the walk
                    registeredDuring.add(register("node_", Hw.BASIC).nodeId());
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "it-registrar");
        registrar.start();
        List<String> walked = new ArrayList<>();
        try {
            // wait until inserts are flowing, so that they overlap the walk
            org.awaitility.Awaitility.await().atMost(QueryClient.CONSISTENCY).until(() -> registeredDuring.size() >= 3);
            for (Read page : query.walk("/api/v1/nodes", "limit=5", admin())) {
                walked.addAll(texts(page.items(), "node_id"));
            }
        } finally {
            walking.set(false);
            registrar.join(60_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(registeredDuring).as("registrations during the walk").hasSizeGreaterThanOrEqualTo(3);

        assertThat(walked).doesNotHaveDuplicates().isSorted().containsAll(before);
    }
}
