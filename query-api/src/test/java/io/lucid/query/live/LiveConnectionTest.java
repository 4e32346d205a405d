package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.query.ReadModelUnavailableException;
import io.lucid.projections.view.Listing;
import io.lucid.query.view.AccessScope;
import io.lucid.query.view.ViewReader;
import io.lucid.query.view.ViewRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveConnectionTest {

    private final RecordingSink sink = new RecordingSink();
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final Fixtures.Rows nodes = new Fixtures.Rows();
    private final LiveUpdates updates = new LiveUpdates(registry, Fixtures.CATALOGUE);
    private final LiveConnection connection = new LiveConnection(sink, Fixtures.CODEC,
            token -> Optional.ofNullable(Fixtures.TOKENS.get(token)), registry, Fixtures.views(nodes), Runnable::run,
            256);

    @Test
    void authenticatesWithAFrame() {
        connection.received("{\"type\":\"auth\",\"token\":\"admin-token\"}");

        assertThat(sink.sent).containsExactly("{\"type\":\"auth_success\",\"subject\":\"admin\",\"roles\":[\"ADMIN\"]}");
    }

    @Test
    void authenticatesWithTheTokenGivenAtConnect() {
        connection.opened(Optional.of("node-token"));

        assertThat(sink.sent).containsExactly("{\"type\":\"auth_success\",\"subject\":\"n-abc\",\"roles\":[\"NODE\"]}");
    }

    @Test
    void aBadTokenIsAnErrorAndCloses4401() {
        connection.received("{\"type\":\"auth\",\"token\":\"forged\"}");

        assertThat(sink.sent).singleElement().asString().contains("\"code\":\"unauthorized\"");
        assertThat(sink.closeCode).isEqualTo(4401);
    }

    @Test
    void subscribingBeforeAuthIsRefused() {
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_abc123\"}");

        assertThat(sink.sent).singleElement().asString().contains("\"code\":\"unauthenticated\"");
        assertThat(registry.subscribers("node:node_abc123")).isEmpty();
    }

    @Test
    void refusesUnknownAndForbiddenChannels() {
        connection.opened(Optional.of("node-token"));

        connection.received("{\"type\":\"subscribe\",\"channel\":\"no-such-channel\"}");
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_other1\"}");
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_abc123\"}");

        assertThat(sink.sent).hasSize(4);
        assertThat(sink.sent.get(1)).contains("\"code\":\"unknown_channel\"");
        assertThat(sink.sent.get(2)).contains("\"code\":\"forbidden\"", "\"channel\":\"node:node_other1\"");
        // Its own node does not exist yet: refused like a foreign one, so existence cannot be probed.
        assertThat(sink.sent.get(3)).contains("\"code\":\"forbidden\"", "\"channel\":\"node:node_abc123\"");
    }

    @Test
    void snapshotThenUpdatesOnTheOwnNode() {
        nodes.put("node_abc123", 1);
        connection.opened(Optional.of("node-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_abc123\"}");

        LiveUpdates.Change second = nodes.put("node_abc123", 2);
        updates.changed(List.of(second));
        updates.changed(List.of(second));

        assertThat(sink.sent).hasSize(3);
        assertThat(sink.sent.get(1)).startsWith(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_abc123\",\"version\":1,\"data\":{\"node_id\":\"node_abc123\"");
        assertThat(sink.sent.get(2)).startsWith(
                "{\"type\":\"update\",\"channel\":\"node:node_abc123\",\"version\":2,\"data\":{\"node_id\":\"node_abc123\"");
    }

    @Test
    void anAdminWatchingANodeThatDoesNotExistYetGetsANullSnapshotThenTheNode() {
        connection.opened(Optional.of("admin-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_new1\"}");

        updates.changed(List.of(nodes.put("node_new1", 1)));

        assertThat(sink.sent.get(1)).isEqualTo(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_new1\",\"version\":0,\"data\":null}");
        assertThat(sink.sent.get(2)).contains("\"type\":\"update\"", "\"version\":1");
    }

    @Test
    void aListChannelShowsARestrictedCallerOnlyItsOwnRows() {
        connection.opened(Optional.of("node-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        updates.changed(List.of(nodes.put("node_other1", 1), nodes.put("node_abc123", 1)));

        assertThat(sink.sent).hasSize(3);
        assertThat(sink.sent.get(2)).contains("\"node_id\":\"node_abc123\"");
    }

    @Test
    void theNodesChannelSeesEveryNode() {
        connection.opened(Optional.of("auditor-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        updates.changed(List.of(nodes.put("node_a1", 1)));
        updates.changed(List.of(nodes.put("node_b1", 1)));

        assertThat(sink.sent).hasSize(4);
        assertThat(sink.sent.get(1)).isEqualTo(
                "{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":0,\"data\":{\"items\":[]}}");
        assertThat(sink.sent.get(3)).contains("\"channel\":\"nodes\"", "\"node_id\":\"node_b1\"");
    }

    @Test
    void unsubscribeAndCloseEndTheSubscriptions() {
        connection.opened(Optional.of("admin-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\"}");
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        connection.received("{\"type\":\"unsubscribe\",\"channel\":\"node:node_a1\"}");
        assertThat(registry.subscribers("node:node_a1")).isEmpty();
        assertThat(registry.subscribers("nodes")).hasSize(1);

        connection.closed();
        assertThat(registry.subscribers("nodes")).isEmpty();
    }

    @Test
    void answersPingAndReportsBadFrames() {
        connection.received("{\"type\":\"ping\"}");
        connection.received("{oops");
        connection.received("{\"type\":\"dance\"}");

        assertThat(sink.sent.get(0)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(sink.sent.get(1)).contains("\"code\":\"bad_frame\"");
        assertThat(sink.sent.get(2)).contains("\"code\":\"unknown_type\"");
        assertThat(sink.closeCode).isNull();
    }

    @Test
    void anUnavailableReadModelIsAnErrorNotASubscription() {
        ViewRows down = new ViewRows() {
            @Override
            public Optional<ViewReader.StoredRow> find(io.lucid.projections.view.ViewDefinition view, String id, AccessScope scope) {
                throw new ReadModelUnavailableException("database down", null);
            }

            @Override
            public List<ViewReader.StoredRow> firstPage(io.lucid.projections.view.ViewDefinition view, Listing listing, Map<io.lucid.projections.view.Filter, String> filters,
                    int limit, AccessScope scope) {
                throw new ReadModelUnavailableException("database down", null);
            }
        };
        LiveConnection broken = new LiveConnection(sink, Fixtures.CODEC,
                token -> Optional.ofNullable(Fixtures.TOKENS.get(token)), registry,
                new CatalogueLiveViews(Fixtures.CATALOGUE, down), Runnable::run, 256);
        broken.opened(Optional.of("admin-token"));

        broken.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\"}");

        assertThat(sink.sent.get(1)).contains("\"code\":\"unavailable\"").doesNotContain("database");
        assertThat(registry.subscribers("node:node_a1")).isEmpty();
    }
}
