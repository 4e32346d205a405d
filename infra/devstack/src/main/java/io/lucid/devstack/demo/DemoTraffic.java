package io.lucid.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.AdminTokens;
import io.lucid.schemas.poot.PootTimeBase;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic of {@code ./lucid demo}: against a running stack, through its public REST APIs only, what a small
 * network does. Nodes of three tiers register and activate (pools and leaders form), send heartbeats and signed task
 * proofs every slot (scores, the leaderboard, epoch tallies and payouts follow), sessions record chunks and are
 * processed, RDP servers start, report health and stop, a device pairs now and then, and the payment operator pays
 * the payouts the epochs produce. One tick a second on one thread; a refused step is logged and the demo goes on.
 */
public final class DemoTraffic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    static final Duration TICK = Duration.ofSeconds(1);
    /** The proof window reaches 30 slots back (DOMAIN.md section 5): the first proofs fill it, for uptime. */
    static final int BACKFILL_SLOTS = 30;
    static final int ACTIVE_SESSIONS = 2;
    static final int CHUNKS_PER_SESSION = 6;
    static final int RDP_SERVERS = 3;
    static final int PAIRING_EVERY_TICKS = 45;

    private final DemoApi api;
    private final PootTimeBase timeBase;
    private final String admin;
    private final String operator;
    private final List<DemoNode> nodes = new ArrayList<>();
    private final Map<String, Long> provedUpTo = new HashMap<>();
    private final Deque<Session> sessions = new ArrayDeque<>();
    private final List<String> rdpServers = new ArrayList<>();
    private final Map<String, String> rdpStates = new HashMap<>();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lucid-demo");
        t.setDaemon(true);
        return t;
    });
    private long tick;
    private int sessionCount;
    private int payoutsPaid;
    private String pairingId;
    private String pairingToken;
    private long pairingStartedAt;

    /** A recording session of the demo and the chunks it recorded. */
    private record Session(String id, int[] chunks) {
    }

    DemoTraffic(DemoApi api, PootTimeBase timeBase, String jwtSecret, int nodeCount) {
        this.api = api;
        this.timeBase = timeBase;
        this.admin = AdminTokens.mint(jwtSecret, "demo-admin", List.of("ADMIN"), Duration.ofDays(1));
        this.operator = AdminTokens.mint(jwtSecret, "demo-operator", List.of("OPERATOR"), Duration.ofDays(1));
        DemoNode.Tier[] tiers = {DemoNode.Tier.HIGH_PERFORMANCE, DemoNode.Tier.STANDARD, DemoNode.Tier.HIGH_PERFORMANCE,
            DemoNode.Tier.STANDARD, DemoNode.Tier.HIGH_PERFORMANCE, DemoNode.Tier.STANDARD, DemoNode.Tier.HIGH_PERFORMANCE,
            DemoNode.Tier.BASIC};
        for (int i = 0; i < nodeCount; i++) {
            DemoNode node = new DemoNode("node_demo" + run + "_" + (i + 1), tiers[i % tiers.length], i % 5 + 1);
            node.token = AdminTokens.mint(jwtSecret, "agent-" + node.id, List.of("NODE"), node.id, Duration.ofDays(1));
            nodes.add(node);
        }
    }

    /**
     * Starts the demo against the stack at these addresses. The PoOT time base is the one query-api serves to the
     * dashboard: the stack's, whatever the environment of this process says.
     */
    public static DemoTraffic start(URI commandApi, URI queryApi, String jwtSecret, int nodeCount) {
        DemoApi api = new DemoApi(commandApi, queryApi);
        JsonNode config = api.get("/dashboard-config.json", null);
        if (config == null || !config.path("poot").has("slot_seconds")) {
            throw new IllegalStateException("query-api at " + queryApi + " serves no /dashboard-config.json: is the stack up?");
        }
        JsonNode poot = config.path("poot");
        PootTimeBase timeBase = new PootTimeBase(Instant.parse(poot.path("genesis").asText()),
                Duration.ofSeconds(poot.path("slot_seconds").asLong()), poot.path("slots_per_epoch").asInt());
        DemoTraffic demo = new DemoTraffic(api, timeBase, jwtSecret, nodeCount);
        demo.ticker.scheduleWithFixedDelay(demo::safeTick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return demo;
    }

    public PootTimeBase timeBase() {
        return timeBase;
    }

    public List<String> nodeIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private void safeTick() {
        try {
            if (tick == 0) {
                setUp();
            }
            step();
            tick++;
        } catch (RuntimeException e) {
            log.warn("demo: tick {} failed", tick, e);
        }
    }

    private void setUp() {
        for (DemoNode node : nodes) {
            api.post("/api/v1/nodes", node.registration(), admin);
        }
        // Activation makes a node join its tier's pool; the last one stays inactive, so a node list has both.
        for (DemoNode node : nodes.subList(0, Math.max(1, nodes.size() - 1))) {
            api.post("/api/v1/nodes/" + node.id + "/activate", "{}", admin);
        }
        for (int i = 0; i < RDP_SERVERS; i++) {
            JsonNode created = api.post("/api/v1/rdp-servers", """
                    {"name":"demo-desktop-%d","node_id":"%s","config":{"desktop":"xfce"},\
                    "resources":{"cpu":1.5,"memory_mb":2048,"disk_mb":10240,"network_mbps":100}}"""
                    .formatted(i + 1, nodes.get(i % nodes.size()).id), operator);
            if (created != null) {
                rdpServers.add(created.path("server_id").asText());
            }
        }
        log.info("demo: {} nodes, {} RDP servers", nodes.size(), rdpServers.size());
    }

    private void step() {
        proofs();
        if (tick % 5 == 0) {
            heartbeats();
        }
        sessions();
        rdpServers();
        pairing();
        if (tick % 3 == 0) {
            payouts();
        }
    }

    /** Every node proves every slot since its last proofs: relay, storage, validation and an uptime beacon. */
    private void proofs() {
        long current = timeBase.slotAt(Instant.now());
        long slotSeconds = timeBase.slotSeconds();
        for (DemoNode node : nodes) {
            long from = Math.max(provedUpTo.getOrDefault(node.id, current - BACKFILL_SLOTS - 1) + 1, current - BACKFILL_SLOTS);
            if (from > current) {
                continue;
            }
            List<String> batch = new ArrayList<>();
            for (long slot = from; slot <= current; slot++) {
                int s = node.strength;
                long relayed = s * 5L * 1024 * 1024;
                long size = s * (1L << 30);
                batch.add(node.proof(slot, "relay_bandwidth",
                        "{\"bytes_transferred\":" + relayed + ",\"sessions_relayed\":1}", relayed, 1));
                batch.add(node.proof(slot, "storage_availability",
                        "{\"chunks_stored\":" + s + ",\"size_bytes\":" + size + "}", s, size));
                if (slot % 2 == 0) {
                    batch.add(node.proof(slot, "validation_signature", "{\"validated_sessions\":" + s + "}", s));
                }
                // The basic node is often offline: its uptime stays below a fifth of the window, it is not eligible.
                if (node.tier != DemoNode.Tier.BASIC || slot % 8 == 0) {
                    batch.add(node.proof(slot, "uptime_beacon", "{\"uptime_seconds\":" + slotSeconds + "}", slotSeconds));
                }
            }
            if (api.post("/api/v1/poot/proofs/batch", "{\"proofs\":[" + String.join(",", batch) + "]}", node.token) != null) {
                provedUpTo.put(node.id, current);
            }
        }
    }

    private void heartbeats() {
        for (DemoNode node : nodes) {
            double cpu = 10 + (tick * 7 + node.strength * 13) % 80;
            api.post("/api/v1/nodes/" + node.id + "/heartbeats", """
                    {"cpu_percent":%.1f,"memory_used_bytes":%d,"storage_used_bytes":%d,"network_mbps":%d,"active_sessions":%d}"""
                    .formatted(cpu, (node.tier.memoryGib << 30) / 3, (node.tier.storageGib << 30) / 4, 50 + node.strength * 20,
                            node.strength % 3), node.token);
        }
    }

    /** Keeps two recordings going: a chunk each per tick; a full one is stopped, processed, and replaced. */
    private void sessions() {
        while (sessions.size() < ACTIVE_SESSIONS) {
            sessionCount++;
            String nodeId = nodes.get(sessionCount % nodes.size()).id;
            JsonNode created = api.post("/api/v1/sessions", """
                    {"name":"demo recording %d","node_id":"%s","metadata":{"tags":["demo"],"priority":"normal"}}"""
                    .formatted(sessionCount, nodeId), operator);
            if (created == null) {
                return;
            }
            String id = created.path("session_id").asText();
            api.post("/api/v1/sessions/" + id + "/start", "{}", operator);
            sessions.add(new Session(id, new int[] {0}));
        }
        Session session = sessions.peekFirst();
        for (Session s : List.copyOf(sessions)) {
            int next = ++s.chunks()[0];
            api.post("/api/v1/sessions/" + s.id() + "/chunks", """
                    {"sequence_number":%d,"size_bytes":%d,"ciphertext_sha256":"%s","duration_ms":1000,"frame_count":30}"""
                    .formatted(next, 1_048_576 + next * 4096, sha256(s.id() + ":" + next)), operator);
        }
        if (session != null && session.chunks()[0] >= CHUNKS_PER_SESSION) {
            sessions.removeFirst();
            api.post("/api/v1/sessions/" + session.id() + "/stop", "{}", operator);
            api.post("/api/v1/sessions/" + session.id() + "/process", "{}", operator);
        }
    }

    /** Each server starts, runs (reporting health) and, one at a time, stops for a while. */
    private void rdpServers() {
        for (int i = 0; i < rdpServers.size(); i++) {
            String id = rdpServers.get(i);
            String state = rdpStates.getOrDefault(id, "CREATED");
            boolean stopTurn = tick % 20 == (i * 7) % 20 && tick > 0;
            switch (state) {
                case "CREATED", "STOPPED" -> {
                    if (state.equals("CREATED") || stopTurn) {
                        api.post("/api/v1/rdp-servers/" + id + "/start", "{}", operator);
                        api.post("/api/v1/rdp-servers/" + id + "/status", "{\"status\":\"running\",\"detail\":\"demo\"}", admin);
                        rdpStates.put(id, "RUNNING");
                    }
                }
                case "RUNNING" -> {
                    if (stopTurn && tick > 10) {
                        api.post("/api/v1/rdp-servers/" + id + "/stop", "{\"force\":true}", operator);
                        api.post("/api/v1/rdp-servers/" + id + "/status", "{\"status\":\"stopped\",\"detail\":\"demo\"}", admin);
                        rdpStates.put(id, "STOPPED");
                    } else if (tick % 5 == i % 5) {
                        api.post("/api/v1/rdp-servers/" + id + "/health", """
                                {"alive":true,"cpu_percent":%.1f,"memory_mb":%d,"network_kbps":%d,"active_connections":0}"""
                                .formatted(5.0 + (tick * 3 + i * 11) % 60, 900 + i * 100, 200 + tick % 50), admin);
                    }
                }
                default -> rdpStates.put(id, "CREATED");
            }
        }
    }

    /** Now and then a pairing starts and, a few seconds later, a device completes it. */
    private void pairing() {
        if (pairingId == null && tick % PAIRING_EVERY_TICKS == 2) {
            JsonNode started = api.post("/api/v1/pairings", "{}", operator);
            if (started != null) {
                pairingId = started.path("pairing_id").asText();
                pairingToken = started.path("temp_token").asText();
                pairingStartedAt = tick;
            }
        } else if (pairingId != null && tick - pairingStartedAt >= 5) {
            api.post("/api/v1/pairings/" + pairingId + "/complete", """
                    {"temp_token":"%s","device_info":{"name":"demo tablet %d","platform":"android"}}"""
                    .formatted(pairingToken, tick), null);
            pairingId = null;
            pairingToken = null;
        }
    }

    /** The payment operator: pays what the epoch closes created (PENDING -> PROCESSING -> COMPLETED). */
    private void payouts() {
        JsonNode page = api.get("/api/v1/payouts?limit=50", admin);
        if (page == null) {
            return;
        }
        for (JsonNode payout : page.path("items")) {
            String id = payout.path("payout_id").asText();
            switch (payout.path("state").asText()) {
                case "PENDING" -> api.post("/api/v1/payouts/" + id + "/start", "{}", admin);
                case "PROCESSING" -> {
                    if (api.post("/api/v1/payouts/" + id + "/complete",
                            "{\"tx_hash\":\"demo_tx_" + run + "_" + (++payoutsPaid) + "\"}", admin) != null) {
                        log.info("demo: paid {}", id);
                    }
                }
                default -> { }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
