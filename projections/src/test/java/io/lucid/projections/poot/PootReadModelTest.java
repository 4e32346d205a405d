package io.lucid.projections.poot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.RowKey;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PootReadModelTest {

    private static final String NODE = "node_alpha_01";
    private static final String OTHER = "node_bravo_02";
    private static final long W = 604_800;
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new PootReadModel());
    private long sequence;

    @Test
    void aScoreUpdateStoresTheScoreWithAllItsInputs() {
        score(score(NODE, 800, 3));

        ScoreView score = score(NODE);
        assertThat(score.epoch()).isEqualTo(800);
        assertThat(score.windowFirstEpoch()).isEqualTo(794);
        assertThat(score.relayCredits()).isEqualTo(10);
        assertThat(score.storageCredits()).isEqualTo(20);
        assertThat(score.validationCredits()).isEqualTo(5);
        assertThat(score.creditsTotal()).isEqualTo(35);
        assertThat(score.uptimeSeconds()).isEqualTo(W / 2);
        assertThat(score.windowSeconds()).isEqualTo(W);
        assertThat(score.weight()).isEqualTo(35 * (W / 2));
        assertThat(score.liveScore()).isEqualTo(17.5);
        assertThat(score.eligible()).isTrue();
        assertThat(score.proofCount()).isEqualTo(3);
        assertThat(score.lastProofId()).isEqualTo(NODE + ":576003:relay_bandwidth");
        assertThat(fixture.json(PootReadModel.SCORE, NODE)).contains("\"node_id\":\"node_alpha_01\"",
                "\"credits_total\":35", "\"window_first_epoch\":794", "\"weight\":10584000", "\"live_score\":17.5",
                "\"updated_at\":\"2026-01-02T03:04:08.678Z\"");
    }

    @Test
    void aScoreOfANewerEpochReplacesTheRow() {
        score(score(NODE, 800, 9));
        score(score(NODE, 801, 1));

        assertThat(score(NODE).epoch()).isEqualTo(801);
        assertThat(score(NODE).proofCount()).isEqualTo(1);
    }

    @Test
    void aScoreOfAnOlderEpochDoesNotReplaceTheRow() {
        score(score(NODE, 801, 1));
        // A late proof of epoch 800, scored after the node's first proof of 801.
        score(score(NODE, 800, 10));

        assertThat(score(NODE).epoch()).isEqualTo(801);
        assertThat(fixture.version(PootReadModel.SCORE, NODE)).isEqualTo(1);
    }

    @Test
    void withinAnEpochAScoreCountingFewerProofsIsAnEarlierStateAndIgnored() {
        score(score(NODE, 800, 4));
        score(score(NODE, 800, 5));
        score(score(NODE, 800, 4));

        assertThat(score(NODE).proofCount()).isEqualTo(5);
        assertThat(fixture.version(PootReadModel.SCORE, NODE)).isEqualTo(2);
    }

    @Test
    void aRepeatedScoreChangesNoBodyAndNoVersion() {
        NodeScoreUpdated update = score(NODE, 800, 3);
        score(update);
        String body = fixture.json(PootReadModel.SCORE, NODE);
        score(update);

        assertThat(fixture.json(PootReadModel.SCORE, NODE)).isEqualTo(body);
        assertThat(fixture.version(PootReadModel.SCORE, NODE)).isEqualTo(1);
    }

    @Test
    void scoresOfDifferentNodesAreRowsOfTheirOwn() {
        score(score(NODE, 801, 2));
        score(score(OTHER, 799, 7));

        assertThat(score(NODE).epoch()).isEqualTo(801);
        assertThat(score(OTHER).epoch()).isEqualTo(799);
    }

    @Test
    void aTallyStoresTheRankingUnderItsEpoch() {
        tally(tallied(800));

        TallyView tally = tally("800");
        assertThat(tally.epoch()).isEqualTo(800);
        assertThat(tally.windowFirstEpoch()).isEqualTo(794);
        assertThat(tally.eligibleCount()).isEqualTo(1);
        assertThat(tally.totalWeight()).isEqualTo(35 * (W / 2));
        assertThat(tally.talliedAt()).isEqualTo(T0.plusSeconds(7200));
        assertThat(tally.entries()).extracting(TallyView.Entry::nodeId).containsExactly(NODE, OTHER);
        assertThat(tally.entries()).extracting(TallyView.Entry::rank).containsExactly(1, null);
        assertThat(tally.rewards()).isNull();
        assertThat(fixture.json(PootReadModel.TALLY, "800")).contains("\"entries\":[{\"node_id\":\"node_alpha_01\"",
                "\"rank\":1", "\"rank\":null", "\"epoch_end\":\"2026-01-03T03:04:05.678Z\"");
    }

    @Test
    void theRewardSummaryJoinsItsTally() {
        tally(tallied(800));
        tally(rewards(800));

        TallyView.Rewards rewards = tally("800").rewards();
        assertThat(rewards.pool()).isEqualTo(1_000_000_000L);
        assertThat(rewards.distributed()).isEqualTo(999_999_999L);
        assertThat(rewards.carriedRemainder()).isEqualTo(1L);
        assertThat(rewards.eligibleCount()).isEqualTo(1);
        assertThat(tally("800").entries()).hasSize(2);
    }

    @Test
    void aRewardSummaryReadBeforeItsTallyIsKeptByIt() {
        tally(rewards(800));
        assertThat(tally("800").entries()).isNull();
        assertThat(tally("800").rewards().distributed()).isEqualTo(999_999_999L);

        tally(tallied(800));
        assertThat(tally("800").entries()).hasSize(2);
        assertThat(tally("800").rewards().distributed()).isEqualTo(999_999_999L);
    }

    @Test
    void repeatedTallyEventsChangeNoBodyAndNoVersion() {
        tally(tallied(800));
        tally(rewards(800));
        String body = fixture.json(PootReadModel.TALLY, "800");

        tally(tallied(800));
        tally(rewards(800));

        assertThat(fixture.json(PootReadModel.TALLY, "800")).isEqualTo(body);
        assertThat(fixture.version(PootReadModel.TALLY, "800")).isEqualTo(2);
    }

    @Test
    void bodiesHoldExactlyTheDocumentedFieldsAndNoSecret() {
        score(score(NODE, 800, 3));
        tally(tallied(800));
        tally(rewards(800));

        assertThat(fields(PootReadModel.SCORE, NODE)).containsExactlyInAnyOrder("node_id", "epoch",
                "window_first_epoch", "relay_credits", "storage_credits", "validation_credits", "credits_total",
                "uptime_seconds", "window_seconds", "weight", "live_score", "eligible", "proof_count",
                "last_proof_id", "updated_at");
        assertThat(fields(PootReadModel.TALLY, "800")).containsExactlyInAnyOrder("epoch", "epoch_start",
                "epoch_end", "window_first_epoch", "window_seconds", "eligible_count", "total_weight", "tallied_at",
                "entries", "rewards");
        assertThat(fixture.json(PootReadModel.SCORE, NODE) + fixture.json(PootReadModel.TALLY, "800"))
                .doesNotContainIgnoringCase("signature").doesNotContainIgnoringCase("token")
                .doesNotContainIgnoringCase("secret");
    }

    @Test
    void theLeaderboardRanksScoresByWeightDescendingWithinAnOptionalEpoch() {
        ViewDefinition scores = new PootReadModel().views().get(0);
        Listing leaderboard = scores.listings().stream()
                .filter(listing -> listing.path().equals("poot/leaderboard")).findFirst().orElseThrow();

        assertThat(leaderboard.ranked()).isTrue();
        assertThat(leaderboard.sort()).isEqualTo(Sort.descending("weight", FieldType.LONG));
        assertThat(leaderboard.filters()).contains(Filter.number("epoch"));
        assertThat(scores.channels()).containsExactly(ChannelSpec.all("poot:leaderboard", "poot/leaderboard"),
                ChannelSpec.entity("poot:scores:"));
    }

    @Test
    void scoresAreReadByTheirOwnNodeAndTalliesByReadersOnly() {
        List<ViewDefinition> views = new PootReadModel().views();

        assertThat(views.get(0).entityPath()).isEqualTo("poot/scores");
        assertThat(views.get(0).access()).isEqualTo(Access.ownNode("node_id"));
        assertThat(views.get(0).listings()).extracting(Listing::path)
                .containsExactly("poot/scores", "poot/leaderboard");
        assertThat(views.get(0).listings().get(0).filters())
                .containsExactly(Filter.flag("eligible"), Filter.number("epoch"));
        assertThat(views.get(1).entityPath()).isEqualTo("poot/tallies");
        assertThat(views.get(1).access()).isEqualTo(Access.READERS_ONLY);
        assertThat(views.get(1).listings().get(0).sort()).isEqualTo(Sort.descending("epoch", FieldType.LONG));
    }

    private void score(NodeScoreUpdated update) {
        fixture.apply(update, update.getNodeId(), sequence++, update.getUpdatedAt());
    }

    private void tally(SpecificRecord event) {
        fixture.apply(event, "800", sequence++, T0);
    }

    private ScoreView score(String nodeId) {
        return fixture.row(PootReadModel.SCORE, nodeId, ScoreView.class).orElseThrow();
    }

    private TallyView tally(String epoch) {
        return fixture.row(PootReadModel.TALLY, epoch, TallyView.class).orElseThrow();
    }

    private List<String> fields(String view, String id) {
        JsonNode body = fixture.rows().all().get(new RowKey(view, id)).body();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A score over the window of {@code epoch} that has counted {@code proofs} proofs. */
    private static NodeScoreUpdated score(String nodeId, long epoch, long proofs) {
        long uptime = W / 2;
        return NodeScoreUpdated.newBuilder()
                .setNodeId(nodeId).setEpoch(epoch).setWindowFirstEpoch(epoch - 6)
                .setRelayCredits(10).setStorageCredits(20).setValidationCredits(5).setCreditsTotal(35)
                .setUptimeSeconds(uptime).setWindowSeconds(W).setWeight(35 * uptime)
                .setLiveScore(35.0 * uptime / W).setEligible(true).setProofCount(proofs)
                .setLastProofId(nodeId + ":" + (epoch * 720 + proofs) + ":relay_bandwidth")
                .setUpdatedAt(T0.plusSeconds(proofs))
                .build();
    }

    private static EpochTallied tallied(long epoch) {
        long weight = 35 * (W / 2);
        NodeTally best = new NodeTally(NODE, 10L, 20L, 5L, 35L, W / 2, weight, 17.5, true, 1);
        NodeTally ineligible = new NodeTally(OTHER, 1L, 0L, 0L, 1L, 60L, 60L, 60.0 / W, false, null);
        return new EpochTallied(epoch, T0, T0.plusSeconds(86_400), epoch - 6, W, List.of(best, ineligible), 1,
                weight, T0.plusSeconds(7200), epoch - 1);
    }

    private static EpochRewardsDistributed rewards(long epoch) {
        return new EpochRewardsDistributed(epoch, 1_000_000_000L, 999_999_999L, 1L, 1, T0.plusSeconds(7201));
    }
}
