package io.lucid.projections.poot;

import com.google.auto.service.AutoService;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The PoOT views: {@code score}, each node's newest score with its inputs (from {@code lucid.poot.scores}), served
 * at {@code /api/v1/poot/scores} and ranked as the leaderboard at {@code /api/v1/poot/leaderboard}, live on
 * {@code poot:leaderboard} and {@code poot:scores:<node_id>}, a NODE token reading its own score only; and
 * {@code tally}, the closing tally and reward summary of each closed epoch (from {@code lucid.poot.tallies}), at
 * {@code /api/v1/poot/tallies}, for readers only.
 *
 * <p>Handlers have no clock, so the view cannot tell which epoch is current, nor drop a node that stopped proving:
 * a row is the node's score over the window of the newest epoch it proved in. The leaderboard therefore ranks every
 * node by its newest score, and {@code ?epoch=E} narrows it to the window of E, which is the current window when E
 * is the current epoch; {@code &eligible=true} leaves the nodes the tally of E would rank.
 */
@AutoService(ReadModel.class)
public final class PootReadModel implements ReadModel {

    static final String SCORE = Views.SCORE;
    static final String TALLY = Views.TALLY;

    @Override
    public String name() {
        return "poot";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.POOT_SCORES, Topics.POOT_TALLIES);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(NodeScoreUpdated.class, PootReadModel::scoreUpdated)
                .on(EpochTallied.class, PootReadModel::tallied)
                .on(EpochRewardsDistributed.class, PootReadModel::rewardsDistributed);
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(
                ViewDefinition.of(SCORE)
                        .entity("poot/scores")
                        .listing(Listing.of("poot/scores", Sort.byId(), "Newest PoOT score per node, by node id",
                                Filter.flag("eligible"), Filter.number("epoch")))
                        // Ties by node id ascending, the engine's tie-break, as in the tally (DOMAIN.md section 5).
                        .listing(Listing.of("poot/leaderboard", Sort.descending("weight", FieldType.LONG),
                                "Nodes ranked by the weight of their newest score; epoch= narrows it to one window",
                                Filter.number("epoch"), Filter.flag("eligible")).withRank())
                        .access(Access.ownNode("node_id"))
                        .channel(ChannelSpec.all("poot:leaderboard", "poot/leaderboard"))
                        .channel(ChannelSpec.entity("poot:scores:")),
                ViewDefinition.of(TALLY)
                        .existsWhen("tallied_at")
                        .entity("poot/tallies")
                        .listing(Listing.of("poot/tallies", Sort.descending("epoch", FieldType.LONG),
                                "Closed epochs, newest first"))
                        .access(Access.READERS_ONLY));
    }

    /**
     * A score replaces the row unless it is older: of an earlier epoch (a late proof of the previous epoch scored
     * after the node's first proof of the next), or of the same epoch with fewer proofs.
     */
    static void scoreUpdated(NodeScoreUpdated event, EventMetadata metadata, Rows rows) {
        ScoreView score = new ScoreView(event.getNodeId(), event.getEpoch(), event.getWindowFirstEpoch(),
                event.getRelayCredits(), event.getStorageCredits(), event.getValidationCredits(),
                event.getCreditsTotal(), event.getUptimeSeconds(), event.getWindowSeconds(), event.getWeight(),
                event.getLiveScore(), event.getEligible(), event.getProofCount(), event.getLastProofId(),
                event.getUpdatedAt());
        boolean older = rows.get(SCORE, event.getNodeId(), ScoreView.class).map(score::olderThan).orElse(false);
        if (!older) {
            rows.put(SCORE, event.getNodeId(), score);
        }
    }

    /** The tally of an epoch is final; a distribution read before it is kept. */
    static void tallied(EpochTallied event, EventMetadata metadata, Rows rows) {
        String id = Long.toString(event.getEpoch());
        TallyView.Rewards rewards = rows.get(TALLY, id, TallyView.class).map(TallyView::rewards).orElse(null);
        List<TallyView.Entry> entries = event.getNodes().stream().map(PootReadModel::entry).toList();
        rows.put(TALLY, id, new TallyView(event.getEpoch(), event.getEpochStart(), event.getEpochEnd(),
                event.getWindowFirstEpoch(), event.getWindowSeconds(), event.getEligibleCount(),
                event.getTotalWeight(), event.getTalliedAt(), entries, rewards));
    }

    static void rewardsDistributed(EpochRewardsDistributed event, EventMetadata metadata, Rows rows) {
        String id = Long.toString(event.getEpoch());
        TallyView tally = rows.get(TALLY, id, TallyView.class).orElseGet(() -> TallyView.stub(event.getEpoch()));
        rows.put(TALLY, id, tally.withRewards(new TallyView.Rewards(event.getPool(), event.getDistributed(),
                event.getCarriedRemainder(), event.getEligibleCount(), event.getCalculatedAt())));
    }

    private static TallyView.Entry entry(NodeTally node) {
        return new TallyView.Entry(node.getNodeId(), node.getRank(), node.getRelayCredits(), node.getStorageCredits(),
                node.getValidationCredits(), node.getCreditsTotal(), node.getUptimeSeconds(), node.getWeight(),
                node.getLiveScore(), node.getEligible());
    }
}
