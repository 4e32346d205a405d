package io.lucid.devstack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Concurrently;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.NodeStackClients;
import io.lucid.devstack.node.Nodes;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit hash chain as stored and as published, recomputed by {@link IndependentChain} (no production code): every
 * row links to the one before, concurrent writers of one aggregate leave one unbroken chain, the relay publishes the
 * same links as {@code ce_prevhash}/{@code ce_hash}, and the migration's SQL backfill computes the same hashes.
 */
class HashChainIT extends NodeStackClients {

    private static final String ZEROS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static StoredEvents store;

    @BeforeAll
    static void store() {
        store = new StoredEvents(stack);
    }

    private static String hardware(int cores) {
        return """
                {"cpu_cores":%d,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000}"""
                .formatted(cores);
    }

    private static void assertUnbrokenChain(List<IndependentChain.Row> rows) throws Exception {
        byte[] previous = new byte[32];
        for (int i = 0; i < rows.size(); i++) {
            IndependentChain.Row row = rows.get(i);
            assertThat(row.sequence()).isEqualTo(i);
            assertThat(HEX.formatHex(row.prevHash())).as("prev_hash of event %d", i).isEqualTo(HEX.formatHex(previous));
            assertThat(HEX.formatHex(row.hash())).as("hash of event %d", i)
                    .isEqualTo(HEX.formatHex(IndependentChain.hash(previous, row)));
            previous = row.hash();
        }
    }

    @Test
    void everyStoredEventChainsOntoTheOneBeforeAndTheTopicCarriesTheSameLinks() throws Exception {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register("node_chain_", new NodeKeys());
        String base = "/api/v1/nodes/" + nodeId;
        assertThat(api.post(base + "/activate", null, operator).status()).isEqualTo(200);
        assertThat(api.post(base + "/maintenance/enter", "{\"reason\":\"disk swap\"}", operator).status()).isEqualTo(200);

        List<IndependentChain.Row> rows = store.of(nodeId);
        assertThat(rows).hasSize(3);
        assertThat(HEX.formatHex(rows.get(0).prevHash())).isEqualTo(ZEROS);
        assertUnbrokenChain(rows);

        List<Published> published = topic.eventsOf(Topics.NODE_EVENTS, nodeId, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(published.get(i).header(CloudEventHeaders.PREV_HASH)).isEqualTo(HEX.formatHex(rows.get(i).prevHash()));
            assertThat(published.get(i).header(CloudEventHeaders.HASH)).isEqualTo(HEX.formatHex(rows.get(i).hash()));
        }
    }

    @Test
    void concurrentWritersOfOneAggregateLeaveOneUnbrokenChain() throws Exception {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register("node_fork_", new NodeKeys());
        List<Answer> answers = Concurrently.run(12, i -> nodes.put("/api/v1/nodes/" + nodeId + "/hardware",
                hardware(10 + i), operator));
        // Each update is either stored or refused as a conflict; none may fork the chain.
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(200, 409));
        List<IndependentChain.Row> rows = store.of(nodeId);
        assertThat(rows).hasSize(1 + (int) answers.stream().filter(a -> a.status() == 200).count());
        assertUnbrokenChain(rows);
    }

    @Test
    void theMigrationBackfillComputesTheSameHashesAsTheAppend() throws Exception {
        String operator = tokens.of("OPERATOR", "op-" + Nodes.unique());
        String nodeId = nodes.register("node_fill_", new NodeKeys());
        assertThat(api.post("/api/v1/nodes/" + nodeId + "/activate", null, operator).status()).isEqualTo(200);
        List<IndependentChain.Row> appended = store.of(nodeId);

        // As if these rows predated the chain; the relay publishes inserts only, so this is invisible downstream.
        assertThat(store.update("UPDATE domain_event_entry SET prev_hash = NULL, hash = NULL WHERE aggregate_identifier = ?",
                nodeId)).isEqualTo(2);
        assertThat(store.backfill()).isGreaterThanOrEqualTo(2);

        List<IndependentChain.Row> backfilled = store.of(nodeId);
        assertThat(backfilled).extracting(row -> HEX.formatHex(row.hash()))
                .containsExactlyElementsOf(appended.stream().map(row -> HEX.formatHex(row.hash())).toList());
        assertUnbrokenChain(backfilled);
    }
}
