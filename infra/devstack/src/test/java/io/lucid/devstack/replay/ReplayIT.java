package io.lucid.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.demo.DemoTraffic;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blue/green rebuilds on the real stack (docs/replay.md): a rebuild after traffic of every domain equals the live
 * views, a switch under read load drops no read, a changed read model shows the rows it changes, and every refusal
 * is a problem.
 */
class ReplayIT {

    private static final String REPLAYS = Rebuilds.REPLAYS;

    private static TestStack stack;
    private static ApiClient admin;
    private static QueryClient query;
    private static Database db;
    private static Nodes nodes;

    @BeforeAll
    static void mixedLoad() throws Exception {
        stack = TestStacks.get();
        admin = new ApiClient(stack.queryApi());
        query = new QueryClient(stack);
        db = new Database(stack);
        nodes = new Nodes(stack, new ApiClient(stack));
        // Nodes, pools, scores, sessions and chunks, RDP servers, pairings and devices, through the public APIs ...
        try (DemoTraffic demo = DemoTraffic.start(stack.commandApi(), stack.queryApi(), stack.jwtSecret(), 4)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    rows("session") > 0 && rows("rdp_server") > 0 && rows("pairing") > 0 && rows("pool") > 0
                    // a pairing the demo starts completes (a device) some seconds later: on a loaded machine, after
                    // the other views already have rows
                    && rows("device") > 0);
            // ... and payouts, from calculations as the stream processors produce them.
            await().atMost(Duration.ofSeconds(60)).until(() -> demo.nodeIds().size() >= 2);
            for (String nodeId : demo.nodeIds().subList(0, 2)) {
                calculate(nodeId);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> rows("payout") >= 2);
        }
    }

    // The stack is shared with other test classes: one of them (the fuzz) may have left a rebuild open.
    @BeforeEach
    void dropWhatOthersLeftOpen() {
        dropWhatIsOpen();
    }

    @AfterEach
    void dropWhatIsOpen() {
        ReplayProbeReadModel.shout = false;
        JsonNode list = query.get(REPLAYS, stack.adminToken()).json();
        for (JsonNode replay : list.path("items")) {
            if (Set.of("requested", "rebuilding", "compared", "switched").contains(replay.path("state").asText())) {
                admin.delete(REPLAYS + "/" + replay.path("id").asLong(), stack.adminToken());
                awaitState(replay.path("id").asLong(), "dropped", "failed");
            }
        }
    }

    @Test
    void aRebuildAfterAMixedLoadEqualsTheLiveViewsChecksumForChecksum() {
        // Every domain read model; not the probe, whose rows another test may have switched to its "new code".
        Answer started = admin.post(REPLAYS, "{\"projections\":[\"nodes\",\"pools\",\"poot\",\"sessions\",\"rdp\","
                + "\"pairing\",\"payouts\"]}", stack.adminToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        JsonNode replay = awaitState(id, "compared", "failed");
        assertThat(replay.path("state").asText()).as(replay.toString()).isEqualTo("compared");

        JsonNode comparison = replay.path("comparison");
        Set<String> views = new TreeSet<>();
        Set<String> projections = new TreeSet<>();
        for (JsonNode projection : comparison.path("projections")) {
            projections.add(projection.path("projection").asText());
            assertThat(projection.path("differing_rows").asLong()).as(projection.toString()).isZero();
            for (JsonNode view : projection.path("views")) {
                assertThat(view.path("equal").asBoolean()).as(view.toString()).isTrue();
                assertThat(view.path("rebuilt_checksum").asText()).isEqualTo(view.path("live_checksum").asText());
                assertThat(view.path("rebuilt_rows").asLong()).isEqualTo(view.path("live_rows").asLong()).isPositive();
                views.add(view.path("view").asText());
            }
        }
        assertThat(projections).contains("nodes", "pools", "poot", "sessions", "rdp", "pairing", "payouts");
        assertThat(views).contains("node", "pool", "pool_member", "score", "session", "chunk", "rdp_server",
                "pairing", "device", "payout");
        assertThat(comparison.path("equal").asBoolean()).isTrue();
        assertThat(replay.path("progress").path("events_done").asLong())
                .isEqualTo(replay.path("progress").path("events_total").asLong()).isPositive();

        String schema = replay.path("schema").asText();
        assertThat(admin.delete(REPLAYS + "/" + id, stack.adminToken()).status()).isEqualTo(202);
        awaitState(id, "dropped");
        assertThat(db.number("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", schema)).isZero();
    }

    @Test
    void aSwitchUnderReadLoadDropsNoRequest() throws Exception {
        String nodeId = nodes.register("node_replay_", new NodeKeys());
        JsonNode before = query.awaitBody("/api/v1/nodes/" + nodeId, stack.adminToken(), body -> true);
        long versionBefore = Long.parseLong(query.get("/api/v1/nodes/" + nodeId, stack.adminToken()).etag()
                .replace("\"", "").replace("W/", ""));

        AtomicBoolean reading = new AtomicBoolean(true);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        List<String> paths = List.of("/api/v1/nodes/" + nodeId, "/api/v1/nodes?limit=20", "/api/v1/pools?limit=20");
        for (String path : paths) {
            readers.submit(() -> {
                while (reading.get()) {
                    int status = query.get(path, stack.adminToken()).status();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        try {
            Answer started = admin.post(REPLAYS, "{\"projections\":[\"nodes\",\"pools\"]}", stack.adminToken());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            long id = started.json().path("id").asLong();
            assertThat(awaitState(id, "compared", "failed").path("comparison").path("equal").asBoolean()).isTrue();
            Answer switched = admin.post(REPLAYS + "/" + id + "/switch", null, stack.adminToken());
            assertThat(switched.status()).as(switched.toString()).isEqualTo(202);
            assertThat(awaitState(id, "switched", "failed").path("state").asText()).isEqualTo("switched");
            Thread.sleep(1_000);
        } finally {
            reading.set(false);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(statuses.keySet()).as(statuses.toString()).containsExactly(200);
        assertThat(statuses.get(200).get()).isGreaterThan(30);

        // The switched rows are the live ones: same body, and the version never went back.
        QueryClient.Read after = query.get("/api/v1/nodes/" + nodeId, stack.adminToken());
        assertThat(after.json()).isEqualTo(before);
        assertThat(Long.parseLong(after.etag().replace("\"", "").replace("W/", ""))).isGreaterThanOrEqualTo(versionBefore);
        // The live projection goes on from the switched offsets: a new node appears.
        String next = nodes.register("node_replay_", new NodeKeys());
        query.awaitBody("/api/v1/nodes/" + next, stack.adminToken(), body -> true);
    }

    @Test
    void aChangedReadModelShowsItsDifferingRowsAndTheSwitchMakesThemLive() {
        String old = nodes.register("node_probe_", new NodeKeys());
        await().atMost(Duration.ofSeconds(60)).until(() -> probeLabel(old) != null);
        String label = probeLabel(old);
        long oldVersion = db.number("SELECT version FROM read.view_row WHERE view = 'replay_probe' AND id = ?", old);

        ReplayProbeReadModel.shout = true;
        String fresh = nodes.register("node_probe_", new NodeKeys());
        await().atMost(Duration.ofSeconds(60)).until(() -> probeLabel(fresh) != null);
        Answer started = admin.post(REPLAYS, "{\"projections\":[\"replay_probe\"]}", stack.adminToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        JsonNode replay = awaitState(id, "compared", "failed");
        JsonNode probe = replay.path("comparison").path("projections").get(0);
        assertThat(replay.path("comparison").path("equal").asBoolean()).isFalse();
        assertThat(probe.path("views").get(0).path("equal").asBoolean()).isFalse();

        List<String> differing = new ArrayList<>();
        for (JsonNode row : probe.path("rows")) {
            differing.add(row.path("id").asText());
            if (row.path("id").asText().equals(old)) {
                assertThat(row.path("live").path("body").path("label").asText()).isEqualTo(label);
                assertThat(row.path("rebuilt").path("body").path("label").asText()).isEqualTo(label.toUpperCase());
            }
        }
        // Rows written by the new code already agree; each row written by the old one differs.
        long oldRows = db.number("SELECT count(*) FROM read.view_row WHERE view = 'replay_probe'"
                + " AND body->>'label' <> upper(body->>'label')");
        assertThat(probe.path("differing_rows").asLong()).isEqualTo(oldRows);
        assertThat(differing).doesNotContain(fresh);
        if (oldRows <= 100) {
            assertThat(differing).contains(old);
        }

        assertThat(admin.post(REPLAYS + "/" + id + "/switch", null, stack.adminToken()).status()).isEqualTo(202);
        awaitState(id, "switched", "failed");
        assertThat(probeLabel(old)).isEqualTo(label.toUpperCase());
        assertThat(db.number("SELECT version FROM read.view_row WHERE view = 'replay_probe' AND id = ?", old))
                .isGreaterThan(oldVersion);
        // The old rows stay in the rebuild's schema until it is dropped.
        String schema = replay.path("schema").asText();
        assertThat(db.texts("SELECT body->>'label' FROM " + schema + ".view_row WHERE view = 'replay_probe' AND id = ?",
                old)).containsExactly(label);
    }

    @Test
    void refusalsAreProblemsAndOnlyAdminsMayRebuild() {
        Answer unknown = admin.post(REPLAYS, "{\"projections\":[\"nodes\",\"no_such_view\"]}", stack.adminToken());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown_projection");
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("projections[1]");
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Answer malformed = admin.post(REPLAYS, "{\"projections\":", stack.adminToken());
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("malformed_request");
        Answer badName = admin.post(REPLAYS, "{\"projections\":[7]}", stack.adminToken());
        assertThat(badName.status()).as(badName.toString()).isEqualTo(422);

        Answer started = admin.post(REPLAYS, "{\"projections\":[\"replay_probe\"]}", stack.adminToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        Answer early = admin.post(REPLAYS + "/" + id + "/switch", null, stack.adminToken());
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("replay_not_finished");
        Answer second = admin.post(REPLAYS, "{}", stack.adminToken());
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("replay_in_progress");

        for (String role : List.of("OPERATOR", "AUDITOR", "DEVICE")) {
            String token = stack.tokenFor(role);
            assertThat(admin.post(REPLAYS, "{}", token).status()).isEqualTo(403);
            assertThat(admin.post(REPLAYS + "/" + id + "/switch", null, token).status()).isEqualTo(403);
            assertThat(admin.delete(REPLAYS + "/" + id, token).status()).isEqualTo(403);
            QueryClient.Read read = query.get(REPLAYS + "/" + id, token);
            QueryClient.expectProblem(read, 403, "forbidden");
        }
        QueryClient.expectProblem(query.get(REPLAYS + "/987654321", stack.adminToken()), 404, "replay_not_found");
        QueryClient.expectProblem(query.get(REPLAYS + "/x1", stack.adminToken()), 404, "replay_not_found");

        assertThat(admin.delete(REPLAYS + "/" + id, stack.adminToken()).status()).isEqualTo(202);
        awaitState(id, "dropped");
        Answer late = admin.post(REPLAYS + "/" + id + "/switch", null, stack.adminToken());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("replay_not_finished");
        Answer again = admin.delete(REPLAYS + "/" + id, stack.adminToken());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("replay_already_dropped");
    }

    private static JsonNode awaitState(long id, String... states) {
        return Rebuilds.awaitState(stack, id, states);
    }

    private static long rows(String view) {
        return db.number("SELECT count(*) FROM read.view_row WHERE view = ? AND NOT deleted", view);
    }

    private static String probeLabel(String nodeId) {
        List<String> labels = db.texts("SELECT body->>'label' FROM read.view_row WHERE view = 'replay_probe' AND id = ?",
                nodeId);
        return labels.isEmpty() ? null : labels.get(0);
    }

    /** A calculation as the stream processors produce it; the payout process manager makes it a payout. */
    private static void calculate(String nodeId) throws Exception {
        long gross = 25_000_000;
        long fee = Math.max(100_000, Math.min(10_000_000, gross / 100));
        PayoutCalculated calculation = PayoutCalculated.newBuilder().setPayoutId("payout_901_" + nodeId).setEpoch(901)
                .setNodeId(nodeId).setBalanceBefore(gross).setGross(gross).setFee(fee).setNet(gross - fee)
                .setBalanceAfter(0).setCalculatedAt(Instant.now()).build();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, (Topics.PAYOUT_CALCULATIONS.name() + ":" + nodeId + ":" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE,
                PayoutCalculated.getClassSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new AvroSerializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())))) {
            producer.send(new ProducerRecord<>(Topics.PAYOUT_CALCULATIONS.name(), null, nodeId, calculation, headers))
                    .get();
        }
    }
}
