package io.lucid.projections.payout;

import com.google.auto.service.AutoService;
import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
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
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code payout} view from {@code lucid.payout.events}: one row per payout ({@code payout_{epoch}_{node_id}}) with
 * its state, amounts, attempts and outcome. Served at {@code /api/v1/payouts}, newest first, and live on
 * {@code payouts:<node_id>}; a NODE token reads its own node's payouts only.
 *
 * <p>The payout aggregate's events share one key, so they are read in order; the calculations topic is not read, as
 * {@code PayoutCreated} carries everything the view shows and a calculation the command side refused would otherwise
 * leave a row that never becomes a payout. Handlers still start from a stub when the row is missing (the node and
 * epoch come from the id) and never move a payout out of COMPLETED or CANCELLED.
 */
@AutoService(ReadModel.class)
public final class PayoutReadModel implements ReadModel {

    static final String VIEW = Views.PAYOUT;

    static final Set<String> STATES = Set.of(PayoutView.PENDING, PayoutView.PROCESSING, PayoutView.COMPLETED,
            PayoutView.FAILED, PayoutView.CANCELLED);

    @Override
    public String name() {
        return "payouts";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.PAYOUT_EVENTS);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(PayoutCreated.class, PayoutReadModel::created)
                .on(PayoutStarted.class, (e, m, rows) -> transition(rows, e.getPayoutId(),
                        payout -> payout.withStart(e.getStartedAt())))
                .on(PayoutCompleted.class, (e, m, rows) -> transition(rows, e.getPayoutId(),
                        payout -> payout.withCompletion(e.getTxHash(), e.getCompletedAt())))
                .on(PayoutFailed.class, (e, m, rows) -> transition(rows, e.getPayoutId(),
                        payout -> payout.withFailure(e.getReason(), e.getAttempt(), e.getFailedAt())))
                .on(PayoutCancelled.class, (e, m, rows) -> transition(rows, e.getPayoutId(),
                        payout -> payout.withCancellation(e.getNodeId(), e.getGross(), e.getReason(),
                                e.getCancelledAt())))
                .on(PayoutRetried.class, (e, m, rows) -> transition(rows, e.getPayoutId(),
                        payout -> payout.withRetry(e.getAttempt(), e.getRetriedAt())));
    }

    @Override
    public List<ViewDefinition> views() {
        // Newest first by creation time: ids sort epochs as text (payout_10_ before payout_9_), creation time does not.
        return List.of(ViewDefinition.of(VIEW)
                .entity("payouts")
                .listing(Listing.of("payouts", Sort.descending("created_at", FieldType.TEXT), "Payouts, newest first",
                        Filter.oneOf("state", STATES), Filter.text("node_id"), Filter.number("epoch")))
                .access(Access.ownNode("node_id"))
                .channel(ChannelSpec.group("payouts:", "node_id", "payouts")));
    }

    static void created(PayoutCreated event, EventMetadata metadata, Rows rows) {
        PayoutView payout = payout(rows, event.getPayoutId());
        rows.put(VIEW, event.getPayoutId(), payout.withCreation(event.getNodeId(), event.getEpoch(), event.getGross(),
                event.getFee(), event.getNet(), event.getWalletAddress(), event.getCreatedAt()));
    }

    private static void transition(Rows rows, String payoutId, UnaryOperator<PayoutView> change) {
        PayoutView payout = payout(rows, payoutId);
        if (!payout.closed()) {
            rows.put(VIEW, payoutId, change.apply(payout));
        }
    }

    private static PayoutView payout(Rows rows, String id) {
        return rows.get(VIEW, id, PayoutView.class).orElse(PayoutView.stub(id));
    }
}
