package io.lucid.projections.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayoutReadModelTest {

    private static final String NODE = "node_alpha_01";
    private static final String PAYOUT = "payout_12_" + NODE;
    private static final String WALLET = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8";
    private static final long GROSS = 25_000_000L;
    private static final long FEE = 250_000L;
    private static final long NET = 24_750_000L;
    private static final Instant T0 = Instant.parse("2026-05-06T02:00:00.000Z");

    private final ReadModelFixture fixture = new ReadModelFixture(new PayoutReadModel());

    @Test
    void aCreatedPayoutIsPendingWithItsAmountsInMicroUsdtAndItsWallet() {
        fixture.apply(created(), PAYOUT, 0, T0);

        PayoutView payout = payout();
        assertThat(payout.state()).isEqualTo("PENDING");
        assertThat(payout.nodeId()).isEqualTo(NODE);
        assertThat(payout.epoch()).isEqualTo(12L);
        assertThat(payout.gross()).isEqualTo(GROSS);
        assertThat(payout.fee()).isEqualTo(FEE);
        assertThat(payout.net()).isEqualTo(NET);
        assertThat(payout.walletAddress()).isEqualTo(WALLET);
        assertThat(payout.attempt()).isEqualTo(1);
        assertThat(payout.retryCount()).isZero();
        assertThat(payout.createdAt()).isEqualTo(T0);
        assertThat(fixture.json(PayoutReadModel.VIEW, PAYOUT)).contains("\"payout_id\":\"" + PAYOUT + "\"",
                "\"gross\":25000000", "\"net\":24750000", "\"epoch\":12", "\"created_at\":\"2026-05-06T02:00:00.000Z\"");
    }

    @Test
    void aStartedPayoutCompletesWithItsTransactionHash() {
        fixture.apply(created(), PAYOUT, 0, T0)
                .apply(new PayoutStarted(PAYOUT, T0.plusSeconds(60)), PAYOUT, 1, T0.plusSeconds(60));

        assertThat(payout().state()).isEqualTo("PROCESSING");
        assertThat(payout().startedAt()).isEqualTo(T0.plusSeconds(60));

        fixture.apply(new PayoutCompleted(PAYOUT, "tx_abc123", T0.plusSeconds(120)), PAYOUT, 2, T0.plusSeconds(120));

        PayoutView payout = payout();
        assertThat(payout.state()).isEqualTo("COMPLETED");
        assertThat(payout.txHash()).isEqualTo("tx_abc123");
        assertThat(payout.completedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(payout.updatedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aFailedPayoutIsRetriedAndKeepsTheLastFailureReason() {
        fixture.apply(created(), PAYOUT, 0, T0)
                .apply(new PayoutStarted(PAYOUT, T0.plusSeconds(60)), PAYOUT, 1, T0.plusSeconds(60))
                .apply(new PayoutFailed(PAYOUT, "insufficient energy", 1, T0.plusSeconds(90)), PAYOUT, 2,
                        T0.plusSeconds(90));

        assertThat(payout().state()).isEqualTo("FAILED");
        assertThat(payout().failureReason()).isEqualTo("insufficient energy");
        assertThat(payout().attempt()).isEqualTo(1);
        assertThat(payout().retryCount()).isZero();

        fixture.apply(new PayoutRetried(PAYOUT, 2, T0.plusSeconds(300)), PAYOUT, 3, T0.plusSeconds(300));

        PayoutView retried = payout();
        assertThat(retried.state()).isEqualTo("PENDING");
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.retryCount()).isEqualTo(1);
        assertThat(retried.failureReason()).isEqualTo("insufficient energy");
        assertThat(retried.failedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(retried.updatedAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void aPendingPayoutCanBeCancelledWithAReason() {
        fixture.apply(created(), PAYOUT, 0, T0)
                .apply(new PayoutCancelled(PAYOUT, NODE, GROSS, "wallet under review", T0.plusSeconds(30)), PAYOUT, 1,
                        T0.plusSeconds(30));

        PayoutView payout = payout();
        assertThat(payout.state()).isEqualTo("CANCELLED");
        assertThat(payout.cancelReason()).isEqualTo("wallet under review");
        assertThat(payout.cancelledAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(payout.gross()).isEqualTo(GROSS);
    }

    @Test
    void aPayoutCreatedWithoutAKnownWalletShowsNoWallet() {
        fixture.apply(new PayoutCreated(PAYOUT, 12L, NODE, null, GROSS, FEE, NET, T0), PAYOUT, 0, T0);

        assertThat(payout().walletAddress()).isNull();
        assertThat(fixture.json(PayoutReadModel.VIEW, PAYOUT)).contains("\"wallet_address\":null");
    }

    @Test
    void aTransitionReadBeforeTheCreationIsKeptByItAndTheNodeStillOwnsTheRow() {
        fixture.apply(new PayoutStarted(PAYOUT, T0.plusSeconds(60)), PAYOUT, 1, T0.plusSeconds(60));

        PayoutView stub = payout();
        assertThat(stub.state()).isEqualTo("PROCESSING");
        assertThat(stub.nodeId()).isEqualTo(NODE);
        assertThat(stub.epoch()).isEqualTo(12L);

        fixture.apply(created(), PAYOUT, 0, T0);

        PayoutView payout = payout();
        assertThat(payout.state()).isEqualTo("PROCESSING");
        assertThat(payout.gross()).isEqualTo(GROSS);
        assertThat(payout.createdAt()).isEqualTo(T0);
        assertThat(payout.startedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(payout.updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aCompletedOrCancelledPayoutIsNeverReopened() {
        fixture.apply(created(), PAYOUT, 0, T0)
                .apply(new PayoutStarted(PAYOUT, T0.plusSeconds(60)), PAYOUT, 1, T0.plusSeconds(60))
                .apply(new PayoutCompleted(PAYOUT, "tx_abc123", T0.plusSeconds(120)), PAYOUT, 2, T0.plusSeconds(120))
                .apply(new PayoutFailed(PAYOUT, "late", 1, T0.plusSeconds(130)), PAYOUT, 3, T0.plusSeconds(130))
                .apply(new PayoutRetried(PAYOUT, 2, T0.plusSeconds(140)), PAYOUT, 4, T0.plusSeconds(140));

        assertThat(payout().state()).isEqualTo("COMPLETED");
        assertThat(payout().failureReason()).isNull();
        assertThat(fixture.version(PayoutReadModel.VIEW, PAYOUT)).isEqualTo(3);

        String other = "payout_13_" + NODE;
        fixture.apply(new PayoutCancelled(other, NODE, GROSS, null, T0), other, 1, T0)
                .apply(new PayoutStarted(other, T0.plusSeconds(60)), other, 2, T0.plusSeconds(60));

        assertThat(fixture.row(PayoutReadModel.VIEW, other, PayoutView.class).orElseThrow().state())
                .isEqualTo("CANCELLED");
    }

    @Test
    void repeatingAnEventChangesNothing() {
        fixture.apply(created(), PAYOUT, 0, T0)
                .apply(new PayoutStarted(PAYOUT, T0.plusSeconds(60)), PAYOUT, 1, T0.plusSeconds(60))
                .apply(new PayoutFailed(PAYOUT, "timeout", 1, T0.plusSeconds(90)), PAYOUT, 2, T0.plusSeconds(90))
                .apply(new PayoutRetried(PAYOUT, 2, T0.plusSeconds(300)), PAYOUT, 3, T0.plusSeconds(300));
        String json = fixture.json(PayoutReadModel.VIEW, PAYOUT);
        assertThat(fixture.version(PayoutReadModel.VIEW, PAYOUT)).isEqualTo(4);

        fixture.apply(new PayoutRetried(PAYOUT, 2, T0.plusSeconds(300)), PAYOUT, 3, T0.plusSeconds(300))
                .apply(created(), PAYOUT, 0, T0);

        assertThat(fixture.json(PayoutReadModel.VIEW, PAYOUT)).isEqualTo(json);
        assertThat(fixture.version(PayoutReadModel.VIEW, PAYOUT)).isEqualTo(4);
    }

    @Test
    void everyEventOnThePayoutTopicIsHandled() {
        Handlers handlers = Handlers.of(new PayoutReadModel());

        assertThat(Topics.PAYOUT_EVENTS.records()).allSatisfy(type -> assertThat(handlers.handles(type)).isTrue());
    }

    @Test
    void aNodeReadsItsOwnPayoutsGroupedByNode() {
        ViewDefinition view = new PayoutReadModel().views().get(0);

        assertThat(view.view()).isEqualTo("payout");
        assertThat(view.entityPath()).isEqualTo("payouts");
        assertThat(view.access()).isEqualTo(Access.ownNode("node_id"));
        assertThat(view.channels()).containsExactly(ChannelSpec.group("payouts:", "node_id", "payouts"));
        assertThat(view.listings().get(0).sort().field()).isEqualTo("created_at");
        assertThat(view.listings().get(0).sort().descending()).isTrue();
        assertThat(view.listings().get(0).filters()).extracting(f -> f.field())
                .containsExactly("state", "node_id", "epoch");
    }

    private PayoutView payout() {
        return fixture.row(PayoutReadModel.VIEW, PAYOUT, PayoutView.class).orElseThrow();
    }

    private static PayoutCreated created() {
        return new PayoutCreated(PAYOUT, 12L, NODE, WALLET, GROSS, FEE, NET, T0);
    }
}
