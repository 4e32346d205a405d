package io.lucid.devstack.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.devstack.api.TestIds;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.test.TestStack;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.pairing.PairingStarted;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionCreated;
import io.lucid.schemas.poot.PootTimeBase;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Issues commands of every domain the command API serves (pairing, node, session, RDP server, task proof), over REST
 * as any client would, and says which events they must publish with which field values (as JSON: the form
 * independent decoders produce). Payouts start from the stream processors' calculations, so no REST command creates
 * one on demand; a domain that gains a REST command adds it here and the contract tests check its events unchanged.
 */
final class DomainCommands {

    /** An event a command must publish: its topic, key, record type and the field values it must carry. */
    record Expected(String topic, String key, String type, ObjectNode fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";

    private final TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String operator = "contract-operator-" + unique();
    private final String operatorToken;
    private final List<Expected> expected = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    DomainCommands(TestStack stack) {
        this.stack = stack;
        // Its own subject: sessions and servers are owned by it, and per-owner limits never meet other tests'.
        this.operatorToken = new Tokens(stack).of("OPERATOR", operator);
    }

    /** Runs the commands and returns the events they must have published, in command order. */
    List<Expected> issueAll() throws Exception {
        startPairing();
        NodeKeys keys = new NodeKeys();
        String nodeId = registerNode(true, keys);
        registerNode(false, new NodeKeys());
        activate(nodeId);
        submitUptimeProof(nodeId, keys);
        recordSession();
        createRdpServer();
        return List.copyOf(expected);
    }

    /** What the commands' answers held that no event may ever carry (pairing temporary tokens). */
    List<String> secrets() {
        return List.copyOf(secrets);
    }

    private void startPairing() throws Exception {
        JsonNode answer = post("/api/v1/pairings", object().put("expiry_seconds", 600), operatorToken);
        String tempToken = answer.get("temp_token").asText();
        secrets.add(tempToken);
        expect(Topics.PAIRING_EVENTS, answer.get("pairing_id").asText(), PairingStarted.class, object()
                .put("pairing_id", answer.get("pairing_id").asText())
                .put("websocket_url", answer.get("websocket_url").asText())
                .put("temp_token_sha256", sha256Hex(tempToken))
                .put("expiry_seconds", 600)
                .put("expires_at", Instant.parse(answer.get("expires_at").asText()).toEpochMilli()));
    }

    /** A node with every optional field set, or with none: both branches of the nullable unions travel. */
    private String registerNode(boolean withOptionals, NodeKeys keys) throws Exception {
        String nodeId = "node_contract_" + unique();
        ObjectNode body = object();
        body.put("node_id", nodeId);
        body.put("name", "contract-" + unique());
        body.put("node_type", withOptionals ? "storage" : "validator");
        ObjectNode hardware = body.putObject("hardware");
        hardware.put("cpu_cores", withOptionals ? 12 : 2);
        hardware.put("memory_bytes", withOptionals ? 34_359_738_368L : 4_294_967_296L);
        hardware.put("storage_bytes", withOptionals ? 1_099_511_627_776L : 53_687_091_200L);
        hardware.put("storage_type", withOptionals ? "SSD" : "HDD");
        hardware.put("network_mbps", withOptionals ? 2500 : 100);
        ObjectNode location = body.putObject("location");
        location.put("country", withOptionals ? "NL" : "JP");
        if (withOptionals) {
            hardware.put("gpu_model", "RTX 4090");
            location.put("region", "eu-west");
        }
        body.put("wallet_address", WALLET);
        body.put("public_key", keys.publicKey());
        post("/api/v1/nodes", body, stack.adminToken());
        ObjectNode fields = body.deepCopy();
        if (!withOptionals) {
            // The event states every field, the optional ones as null when the command left them out.
            ((ObjectNode) fields.get("hardware")).putNull("gpu_model");
            ((ObjectNode) fields.get("location")).putNull("region");
        }
        expect(Topics.NODE_EVENTS, nodeId, NodeRegistered.class, fields);
        return nodeId;
    }

    private void activate(String nodeId) throws Exception {
        post("/api/v1/nodes/" + nodeId + "/activate", null, stack.adminToken());
        expect(Topics.NODE_EVENTS, nodeId, NodeActivated.class, object().put("node_id", nodeId));
    }

    private void submitUptimeProof(String nodeId, NodeKeys keys) throws Exception {
        PootTimeBase time = PootTimeBase.defaults();
        long slot = time.slotAt(Instant.now());
        String signature = keys.sign(nodeId + ":" + slot + ":uptime_beacon:60");
        ObjectNode proof = object().put("node_id", nodeId).put("slot", slot).put("type", "uptime_beacon")
                .put("signature", signature);
        proof.putObject("value").put("uptime_seconds", 60);
        post("/api/v1/poot/proofs", proof, stack.adminToken());
        String proofId = nodeId + ":" + slot + ":uptime_beacon";
        ObjectNode fields = object().put("proof_id", proofId).put("node_id", nodeId).put("slot", slot)
                .put("epoch", time.epochOfSlot(slot)).put("proof_type", "uptime_beacon").put("signature", signature);
        fields.putNull("relay_bandwidth");
        fields.putNull("storage_availability");
        fields.putNull("validation_signature");
        fields.putObject("uptime_beacon").put("uptime_seconds", 60);
        expect(Topics.POOT_EVENTS, proofId, TaskProofSubmitted.class, fields);
    }

    private void recordSession() throws Exception {
        ObjectNode body = object().put("name", "contract session " + unique());
        body.putObject("recording").put("frame_rate", 60).put("resolution", "2560x1440").put("quality", "ultra")
                .put("compression", "lz4");
        body.putObject("storage").put("retention_days", 90).put("max_size_gb", 20);
        ObjectNode metadata = body.putObject("metadata").put("description", "written by the contract test")
                .put("priority", "high");
        metadata.putArray("tags").add("contract").add("analytics");
        String sessionId = post("/api/v1/sessions", body, operatorToken).get("session_id").asText();
        post("/api/v1/sessions/" + sessionId + "/start", null, operatorToken);
        post("/api/v1/sessions/" + sessionId + "/stop", null, operatorToken);
        ObjectNode fields = body.deepCopy().put("session_id", sessionId).put("owner", operator);
        fields.putNull("node_id");
        fields.putNull("rdp_server_id");
        expect(Topics.SESSION_EVENTS, sessionId, SessionCreated.class, fields);
        expect(Topics.SESSION_EVENTS, sessionId, RecordingStarted.class, object().put("session_id", sessionId));
        expect(Topics.SESSION_EVENTS, sessionId, RecordingStopped.class,
                object().put("session_id", sessionId).put("reason", "requested"));
    }

    private void createRdpServer() throws Exception {
        ObjectNode body = object().put("name", "contract-desktop-" + unique());
        body.putObject("config").put("desktop", "kde").put("resolution", "1280x720").put("color_depth", 32);
        body.putObject("resources").put("cpu", new BigDecimal("0.50")).put("memory_mb", 1024)
                .put("disk_mb", 2048).put("network_mbps", 200);
        JsonNode answer = post("/api/v1/rdp-servers", body, operatorToken);
        String serverId = answer.get("server_id").asText();
        ObjectNode fields = object().put("server_id", serverId).put("name", body.get("name").asText())
                .put("owner", operator).put("port", answer.get("port").asInt());
        fields.putNull("session_id");
        fields.putNull("node_id");
        fields.set("config", body.get("config"));
        fields.putObject("resources").put("cpu_millicores", 500).put("memory_mb", 1024).put("disk_mb", 2048)
                .put("network_mbps", 200);
        expect(Topics.RDP_EVENTS, serverId, RdpServerCreated.class, fields);
    }

    private void expect(Topic<String, ?> topic, String key, Class<? extends SpecificRecord> type, ObjectNode fields) {
        expected.add(new Expected(topic.name(), key, type.getName(), fields));
    }

    /** POSTs and returns the answer's JSON; anything but 200/201 fails the test with the problem the API gave. */
    private JsonNode post(String path, JsonNode body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stack.commandApi().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " refused: " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? object() : JSON.readTree(response.body());
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String unique() {
        return TestIds.unique();
    }

    static String sha256Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
