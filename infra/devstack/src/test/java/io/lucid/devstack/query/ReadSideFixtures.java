package io.lucid.devstack.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.QueryClient;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the read-side integration tests share: the shared stack, command-api to make things happen, query-api to
 * read them back, tokens per role, and nodes registered with the hardware, type and country a test chooses.
 */
public abstract class ReadSideFixtures {

    protected static TestStack stack;
    protected static ApiClient api;
    protected static QueryClient query;
    protected static Tokens tokens;

    /** Hardware of each tier (DOMAIN.md section 6), within the registration bounds. */
    public enum Hw {
        HIGH("high_performance", 8, 17_179_869_184L, 536_870_912_000L, "NVMe", 1000, "RTX-4090"),
        STANDARD("standard", 2, 4_294_967_296L, 53_687_091_200L, "SSD", 100, null),
        BASIC("basic", 1, 2_147_483_648L, 21_474_836_480L, "HDD", 10, null);

        public final String tier;
        public final int cores;
        public final long memory;
        public final long storage;
        public final String storageType;
        public final int network;
        public final String gpu;

        Hw(String tier, int cores, long memory, long storage, String storageType, int network, String gpu) {
            this.tier = tier;
            this.cores = cores;
            this.memory = memory;
            this.storage = storage;
            this.storageType = storageType;
            this.network = network;
            this.gpu = gpu;
        }

        String json() {
            return """
                    {"cpu_cores":%d,"memory_bytes":%d,"storage_bytes":%d,"storage_type":"%s","network_mbps":%d%s}"""
                    .formatted(cores, memory, storage, storageType, network,
                            gpu == null ? "" : ",\"gpu_model\":\"" + gpu + "\"");
        }
    }

    /** A node as registered: what its view must show. */
    public record Registered(String nodeId, String name, String nodeType, Hw hardware, String country, String region,
            String publicKey, NodeKeys keys) {
    }

    @BeforeAll
    static void connectToStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        query = new QueryClient(stack);
        tokens = new Tokens(stack);
    }

    /** A new ADMIN token: command-api rate-limits per token and these tests send many commands. */
    protected static String admin() {
        return tokens.of("ADMIN", "it-read-admin");
    }

    protected static Registered register(String prefix, String nodeType, Hw hw, String country, String region) {
        NodeKeys keys = new NodeKeys();
        String nodeId = prefix + Nodes.unique();
        String name = nodeId.substring(5).replace('_', '-');
        String body = """
                {"node_id":"%s","name":"%s","node_type":"%s","hardware":%s,
                 "location":{"country":"%s"%s},"wallet_address":"%s","public_key":"%s"}"""
                .formatted(nodeId, name, nodeType, hw.json(), country,
                        region == null ? "" : ",\"region\":\"" + region + "\"", Nodes.WALLET, keys.publicKey());
        Answer answer = api.post("/api/v1/nodes", body, admin());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return new Registered(nodeId, name, nodeType, hw, country, region, keys.publicKey(), keys);
    }

    protected static Registered register(String prefix, Hw hw) {
        return register(prefix, "worker", hw, "DE", null);
    }

    /** Sends a lifecycle command ({@code activate}, {@code deactivate}, {@code maintenance/enter}, ...). */
    protected static void command(String nodeId, String action) {
        String body = action.equals("maintenance/enter") ? "{\"reason\":\"disk swap\"}" : null;
        Answer answer = api.post("/api/v1/nodes/" + nodeId + "/" + action, body, admin());
        assertThat(answer.status()).as(action + " " + answer).isEqualTo(200);
    }

    protected static void deregister(String nodeId) {
        Answer answer = api.delete("/api/v1/nodes/" + nodeId + "?reason=retired", admin());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** Submits a proof (JSON from {@link Nodes}) with the node's own token; expects it accepted. */
    protected static void prove(String nodeId, String proof) {
        Answer answer = api.post("/api/v1/poot/proofs", proof, tokens.node(nodeId));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }
}
