package io.lucid.devstack.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.Fuzz;
import io.lucid.devstack.api.FuzzRun;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every RDP server endpoint with malformed and boundary bodies and ids: never a 5xx, and a refusal never
 * stores an event. The targets are chosen so that no valid body among the mutations can change anything
 * (a CREATED server refuses status reports, connections and stops after validating them; a DELETED one refuses a
 * delete), except creation, whose accepted servers are deleted again afterwards.
 */
class RdpServerFuzzIT {

    static final String CREATE = "{\"name\":\"fuzz\",\"session_id\":\"6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21\",\"node_id\":\"node_fuzz_01\","
            + "\"config\":{\"desktop\":\"xfce\",\"resolution\":\"1920x1080\",\"color_depth\":24},"
            + "\"resources\":{\"cpu\":0.5,\"memory_mb\":512,\"disk_mb\":1024,\"network_mbps\":100}}";

    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;
    private FuzzRun fuzz;
    private String owner;
    private String created;
    private String deleted;
    private final List<Long> setupPorts = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        TestStack stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
    }

    @BeforeEach
    void newRun() {
        owner = "fuzzer-" + UUID.randomUUID();
        String[] token = {tokens.of("OPERATOR", owner)};
        fuzz = new FuzzRun(api, i -> i % 500 == 499 ? (token[0] = tokens.of("OPERATOR", owner)) : token[0],
                () -> db.number("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.lucid.events.rdp.%'"));
        String admin = tokens.of("ADMIN", "fuzz-setup");
        Answer first = api.post("/api/v1/rdp-servers", CREATE, admin);
        Answer second = api.post("/api/v1/rdp-servers", CREATE, admin);
        created = first.text("server_id");
        deleted = second.text("server_id");
        setupPorts.add(first.json().path("port").asLong());
        setupPorts.add(second.json().path("port").asLong());
        assertThat(api.delete("/api/v1/rdp-servers/" + deleted, admin).status()).isEqualTo(200);
    }

    @AfterEach
    void deleteWhatTheFuzzCreated() {
        String admin = tokens.of("ADMIN", "fuzz-cleanup");
        List<String> servers = new ArrayList<>(db.texts("SELECT server_id FROM rdp_port WHERE owner = ?", owner));
        servers.add(created);
        List<Long> ports = new ArrayList<>(setupPorts);
        ports.addAll(db.numbers("SELECT port FROM rdp_port WHERE server_id = ANY(?)", (Object) servers.toArray(String[]::new)));
        for (String id : servers) {
            api.delete("/api/v1/rdp-servers/" + id + "?force=true", admin);
        }
        // The fuzz's ports need not rest: later tests on the shared stack count on free ports.
        db.update("UPDATE rdp_port SET released_at = NULL WHERE server_id IS NULL AND port = ANY(?)",
                (Object) ports.stream().map(Long::intValue).toArray(Integer[]::new));
    }

    @Test
    void createWithMalformedAndBoundaryBodies() {
        for (String body : Fuzz.BROKEN_BODIES) {
            fuzz.post("/api/v1/rdp-servers", body);
        }
        for (String path : List.of("name", "session_id", "node_id", "config", "desktop", "resolution", "color_depth", "resources",
                "cpu", "memory_mb", "disk_mb", "network_mbps")) {
            for (Fuzz.Mutation mutation : Fuzz.mutations(CREATE, path)) {
                Answer answer = fuzz.post("/api/v1/rdp-servers", mutation.body());
                if (answer.status() < 300) {
                    Fuzz.Kind kind = List.of("name", "session_id", "node_id", "desktop", "resolution").contains(path) ? Fuzz.Kind.STRING
                            : path.equals("config") ? Fuzz.Kind.OBJECT : Fuzz.Kind.NUMBER;
                    assertThat(mutation.mayBeValid(kind)).as("accepted " + path + " = " + mutation.value()).isTrue();
                }
            }
        }
        for (String cpu : List.of("0.099", "8.001", "0.125", "1e-2", "1E+1", "0.10000000000000000000001", "-0.5", "\"0.5\"")) {
            fuzz.post("/api/v1/rdp-servers", CREATE.replace("\"cpu\":0.5", "\"cpu\":" + cpu));
        }
        fuzz.accepted().forEach(line -> System.out.println("accepted: " + line));
        assertThat(db.number("SELECT count(*) FROM rdp_port WHERE owner = ?", owner)).isLessThanOrEqualTo(5);
    }

    @Test
    void statusConnectionsStopAndDeleteWithMalformedAndBoundaryBodies() {
        String base = "/api/v1/rdp-servers/" + created;
        for (String body : Fuzz.BROKEN_BODIES) {
            fuzz.post(base + "/status", body);
            fuzz.post(base + "/connections", body);
            fuzz.post(base + "/stop", body);
        }
        for (Fuzz.Mutation mutation : Fuzz.mutations("{\"status\":\"running\",\"detail\":\"d\"}", "status")) {
            fuzz.post(base + "/status", mutation.body());
        }
        for (Fuzz.Mutation mutation : Fuzz.mutations("{\"status\":\"running\",\"detail\":\"d\"}", "detail")) {
            fuzz.post(base + "/status", mutation.body());
        }
        for (String field : List.of("client_name", "client_ip")) {
            for (Fuzz.Mutation mutation : Fuzz.mutations("{\"client_name\":\"c\",\"client_ip\":\"10.0.0.1\"}", field)) {
                fuzz.post(base + "/connections", mutation.body());
            }
        }
        for (Fuzz.Mutation mutation : Fuzz.mutations("{\"force\":true}", "force")) {
            fuzz.post(base + "/stop", mutation.body());
        }
        for (String force : List.of("maybe", "1", "", "%00", "true&force=false")) {
            fuzz.delete("/api/v1/rdp-servers/" + deleted + "?force=" + force);
        }
        assertThat(fuzz.accepted()).isEmpty();
    }

    @Test
    void everyEndpointWithWrongIds() {
        String sessionLikeId = UUID.randomUUID().toString();
        for (String id : List.of("x", "-1", "0", "%00", "..%2F..", "0b6a3f0e-1d2c-4e5f-8a9b-7c6d5e4f3a2", "%E2%82%AC", "a".repeat(3000),
                sessionLikeId)) {
            for (String action : List.of("start", "stop")) {
                fuzz.post("/api/v1/rdp-servers/" + id + "/" + action, null);
            }
            fuzz.post("/api/v1/rdp-servers/" + id + "/status", "{\"status\":\"running\"}");
            fuzz.post("/api/v1/rdp-servers/" + id + "/connections", "{\"client_name\":\"c\",\"client_ip\":\"10.0.0.1\"}");
            fuzz.delete("/api/v1/rdp-servers/" + id + "/connections/" + id);
            fuzz.delete("/api/v1/rdp-servers/" + created + "/connections/" + id);
            fuzz.delete("/api/v1/rdp-servers/" + id);
        }
        assertThat(fuzz.accepted()).isEmpty();
        Answer stillThere = api.post("/api/v1/rdp-servers/" + created + "/start", null, tokens.of("OPERATOR", owner));
        assertThat(stillThere.status()).isEqualTo(200);
    }
}
