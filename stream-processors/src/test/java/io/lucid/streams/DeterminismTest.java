package io.lucid.streams;

import static io.lucid.streams.poot.PootTopologyTest.uptime;
import static io.lucid.streams.poot.Proofs.at;
import static io.lucid.streams.poot.Proofs.beacon;
import static io.lucid.streams.poot.Proofs.relay;
import static io.lucid.streams.poot.Proofs.storage;
import static io.lucid.streams.poot.Proofs.validation;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.pool.PoolRun;
import io.lucid.streams.poot.PootRun;
import io.lucid.streams.reward.RewardSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scores, tallies, payouts and pools are a pure function of the input: the same records through the topology twice, each
 * time against a fresh registry, give byte-identical output records (keys, values with their schema ids,
 * timestamps, headers).
 */
class DeterminismTest {

    private static List<TaskProofSubmitted> history() {
        List<TaskProofSubmitted> proofs = new ArrayList<>();
        String[] nodes = {"node_ann", "node_bob", "node_cat", "node_dan"};
        for (int n = 0; n < nodes.length; n++) {
            proofs.add(validation(nodes[n], 0, n + 1));
            proofs.add(relay(nodes[n], 2, 7_000_000L * (n + 1), 1));
            proofs.add(storage(nodes[n], 4, n, (n + 1) * 300_000_000L));
            proofs.addAll(uptime(nodes[n], 0, 80 + 10L * n));
        }
        for (int e = 0; e < 6; e++) {
            proofs.add(beacon("node_zed", 6L * e + 9, 1));
        }
        proofs.add(validation("node_ann", 0, 1)); // a redelivery
        proofs.add(at(validation("node_bob", 5, 2), 95_000)); // late: epoch 0 closed at 90 s
        return proofs;
    }

    private static Map<String, Integer> subjectIds(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        // Internal topics are named after the application id, which differs per run here; catalogue topics do not.
        registry.subjects().stream().filter(subject -> subject.startsWith("lucid."))
                .forEach(subject -> ids.put(subject, registry.latestVersion(subject).id()));
        return ids;
    }

    private record Outcome(List<String> records, Map<String, Integer> schemaIds) {
    }

    private static Outcome runOnce() {
        String scope = Harness.freshScope();
        StreamsSettings settings = PootRun.settings().withRewards(RewardSettings.defaults().withEpochPool(30_000_000));
        try (PootRun run = new PootRun(settings, scope)) {
            run.submit(history());
            run.cancel("payout_1_node_dan", "node_dan", 1, 200_000);
            run.submit(beacon("node_zed", 6L * 6 + 9, 1));
            List<String> records = new ArrayList<>();
            records.addAll(RawRecords.read(run.harness, Topics.POOT_SCORES));
            records.addAll(RawRecords.read(run.harness, Topics.POOT_TALLIES));
            records.addAll(RawRecords.read(run.harness, Topics.PAYOUT_CALCULATIONS));
            return new Outcome(records, subjectIds(run.harness.registry()));
        }
    }

    private static List<String> poolsOnce() {
        try (PoolRun run = new PoolRun(PoolRun.capacity(3), Harness.freshScope())) {
            run.join(2, 4, 50, "node_std1", "node_std2", "node_std3", "node_std4").join(8, 16, 200, "node_big1");
            run.score("node_std1", 1, 5, 84).score("node_std2", 1, 9, 100).score("node_std3", 1, 9, 100);
            run.health("node_std2", false).hardware("node_std3", 8, 16, 200).deactivate("node_std1");
            run.join(2, 4, 50, "node_std5").health("node_std2", true);
            return RawRecords.read(run.harness, Topics.POOL_EVENTS);
        }
    }

    @Test
    void producesByteIdenticalPoolEventsFromTheSameInput() {
        List<String> first = poolsOnce();
        assertThat(first).hasSizeGreaterThan(20);
        assertThat(poolsOnce()).containsExactlyElementsOf(first);
    }

    @Test
    void producesByteIdenticalScoresTalliesAndPayoutsFromTheSameInput() {
        Outcome first = runOnce();
        Outcome second = runOnce();
        assertThat(first.records()).hasSizeGreaterThan(60);
        assertThat(first.records().stream().filter(r -> r.startsWith(Topics.PAYOUT_CALCULATIONS.name()))).isNotEmpty();
        assertThat(second.records()).containsExactlyElementsOf(first.records());
        // a fresh registry hands out the same ids in the same order
        assertThat(second.schemaIds()).containsExactlyEntriesOf(first.schemaIds());
    }
}
