package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.lucid.projections.view.Listing;
import io.lucid.query.ReadModelUnavailableException;
import io.lucid.query.view.AccessScope;
import io.lucid.query.view.ViewReader;
import io.lucid.query.view.ViewRows;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveConnectionTest {

    private final Fixtures.Bench bench = new Fixtures.Bench();
    private final RecordingSink sink = new RecordingSink();
    private final LiveConnection connection = bench.connect(sink);

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
        assertThat(bench.registry.subscribers("node:node_abc123")).isEmpty();
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
    void snapshotThenUpdatesOnTheOwnNodeWithTheFeedsVersions() {
        bench.publish(bench.nodes.put("node_abc123", 1));
        connection.opened(Optional.of("node-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_abc123\"}");

        List<LiveUpdates.Change> second = bench.publish(bench.nodes.put("node_abc123", 2));
        bench.updates.changed(second); // the feed delivers at least once: the same record again

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

        bench.publish(bench.nodes.put("node_new1", 1));

        assertThat(sink.sent.get(1)).isEqualTo(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_new1\",\"version\":0,\"data\":null}");
        assertThat(sink.sent.get(2)).contains("\"type\":\"update\"", "\"version\":1");
    }

    @Test
    void aListChannelShowsARestrictedCallerOnlyItsOwnRows() {
        connection.opened(Optional.of("node-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        bench.publish(bench.nodes.put("node_other1", 1), bench.nodes.put("node_abc123", 1));

        assertThat(sink.sent).hasSize(3);
        assertThat(sink.sent.get(2)).contains("\"node_id\":\"node_abc123\"", "\"version\":2");
    }

    @Test
    void theVersionOfAListChannelRisesStrictlyAcrossRows() {
        connection.opened(Optional.of("auditor-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        bench.publish(bench.nodes.put("node_a1", 5));
        bench.publish(bench.nodes.put("node_b1", 1));
        bench.publish(bench.nodes.put("node_a1", 6));

        assertThat(sink.sent.get(1)).isEqualTo(
                "{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":0,\"data\":{\"items\":[]}}");
        assertThat(sink.sent.subList(2, 5)).extracting(LiveConnectionTest::version).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aChangeIsEncodedOncePerChannelForAllItsSubscribers() {
        RecordingSink otherSink = new RecordingSink();
        LiveConnection other = bench.connect(otherSink);
        connection.opened(Optional.of("admin-token"));
        other.opened(Optional.of("auditor-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        other.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        bench.publish(bench.nodes.put("node_a1", 1));

        assertThat(sink.sent.get(2)).isSameAs(otherSink.sent.get(2));
    }

    @Test
    void resumeSendsEveryMissedChangeInOrderThenLiveOnes() {
        connection.opened(Optional.of("admin-token"));
        bench.publish(bench.nodes.put("node_a1", 1));
        bench.publish(bench.nodes.put("node_b1", 1));
        bench.publish(bench.nodes.put("node_a1", 2));

        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"since\":1}");
        bench.publish(bench.nodes.put("node_c1", 1));

        assertThat(sink.sent.get(1)).isEqualTo("{\"type\":\"resumed\",\"channel\":\"nodes\",\"since\":1}");
        assertThat(sink.sent.subList(2, sink.sent.size())).extracting(LiveConnectionTest::version)
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    void resumeFromBeyondTheHistoryIsASnapshotMarkedAsAReset() {
        Fixtures.Bench small = new Fixtures.Bench(2, LiveLimits.DEFAULTS);
        LiveConnection resumer = small.connect(sink);
        resumer.opened(Optional.of("admin-token"));
        for (int version = 1; version <= 4; version++) {
            small.publish(small.nodes.put("node_a1", version));
        }

        resumer.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\",\"since\":1}");

        assertThat(sink.sent.get(1)).startsWith(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":4,\"reset\":true,\"data\":{");
    }

    @Test
    void resumeFromAVersionThisInstanceHasNotSeenIsAReset() {
        connection.opened(Optional.of("admin-token"));

        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"since\":99}");

        assertThat(sink.sent.get(1)).contains("\"type\":\"snapshot\"", "\"reset\":true");
    }

    @Test
    void refusesSubscriptionsBeyondTheLimitAndKeepsTheConnection() {
        Fixtures.Bench limited = new Fixtures.Bench(100, withLimits(1, 20, 64));
        LiveConnection one = limited.connect(sink);
        one.opened(Optional.of("admin-token"));

        one.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        one.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");
        one.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\"}");

        assertThat(sink.sent.get(3)).contains("\"code\":\"too_many_subscriptions\"", "\"channel\":\"node:node_a1\"");
        assertThat(limited.registry.subscribers("node:node_a1")).isEmpty();
        assertThat(sink.closeCode).isNull();
    }

    @Test
    void refusesConnectionsOfAPrincipalBeyondTheLimitWith4430() {
        Fixtures.Bench limited = new Fixtures.Bench(100, withLimits(100, 2, 64));
        RecordingSink third = new RecordingSink();
        limited.connect(new RecordingSink()).opened(Optional.of("admin-token"));
        LiveConnection second = limited.connect(new RecordingSink());
        second.opened(Optional.of("admin-token"));
        limited.connect(third).opened(Optional.of("admin-token"));

        assertThat(third.sent).singleElement().asString().contains("\"code\":\"too_many_connections\"");
        assertThat(third.closeCode).isEqualTo(4430);

        second.closed();
        RecordingSink fourth = new RecordingSink();
        limited.connect(fourth).opened(Optional.of("admin-token"));
        assertThat(fourth.sent).singleElement().asString().contains("auth_success");
    }

    @Test
    void anUnauthenticatedConnectionIsClosedAfterTheAuthTimeout() {
        bench.clock.advance(Duration.ofSeconds(4));
        bench.connections.tick();
        assertThat(sink.closeCode).isNull();

        bench.clock.advance(Duration.ofSeconds(1));
        bench.connections.tick();

        assertThat(sink.sent).singleElement().asString().contains("\"code\":\"auth_timeout\"");
        assertThat(sink.closeCode).isEqualTo(4001);
    }

    @Test
    void theServerPingsAndClosesAConnectionSilentForTheIdleTimeout() {
        connection.opened(Optional.of("admin-token"));
        bench.clock.advance(Duration.ofSeconds(20));
        bench.connections.tick();
        assertThat(sink.pings).isEqualTo(1);

        bench.clock.advance(Duration.ofSeconds(30));
        connection.heard(); // a pong
        bench.clock.advance(Duration.ofSeconds(59));
        bench.connections.tick();
        assertThat(sink.closeCode).isNull();

        bench.clock.advance(Duration.ofSeconds(1));
        bench.connections.tick();
        assertThat(sink.closeCode).isEqualTo(4000);
    }

    @Test
    void closesAtTheTokensExpiryWith4401() {
        String token = new PlainJWT(new JWTClaimsSet.Builder().subject("admin")
                .expirationTime(Date.from(bench.clock.instant().plusSeconds(30))).build()).serialize();
        Fixtures.Bench expiring = new Fixtures.Bench();
        LiveConnection timed = new LiveConnection(sink, new LiveConnection.Services(Fixtures.CODEC,
                t -> t.equals(token) ? Optional.of(Fixtures.ADMIN) : Optional.empty(), expiring.registry,
                expiring.views, expiring.history, expiring.pairings, expiring.connections, Runnable::run,
                LiveLimits.DEFAULTS, bench.clock));
        timed.opened(Optional.of(token));
        timed.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        bench.clock.advance(Duration.ofSeconds(29));
        timed.tick(bench.clock.instant());
        assertThat(sink.closeCode).isNull();
        bench.clock.advance(Duration.ofSeconds(1));
        timed.tick(bench.clock.instant());

        assertThat(sink.sent).last().asString().contains("\"code\":\"token_expired\"");
        assertThat(sink.closeCode).isEqualTo(4401);
        assertThat(expiring.registry.subscribers("nodes")).isEmpty();
    }

    @Test
    void aPairFrameCompletesThePairingAndAuthenticatesAsTheDevice() {
        bench.pairings = (id, temp, info) -> id.equals("p-1") && temp.equals("secret") && info.name().equals("Phone")
                ? new PairingCompleter.Paired("dev", "device-token", "2026-12-02T10:00:00Z")
                : new PairingCompleter.Refused(401, "invalid_pairing_token", "wrong temporary token");

        connection.received("{\"type\":\"pair\",\"pairing_id\":\"p-1\",\"temp_token\":\"wrong\","
                + "\"device_info\":{\"name\":\"Phone\",\"platform\":\"ios\"}}");
        connection.received("{\"type\":\"pair\",\"pairing_id\":\"p-1\",\"temp_token\":\"secret\","
                + "\"device_info\":{\"name\":\"Phone\",\"platform\":\"ios\"}}");

        assertThat(sink.sent.get(0)).contains("\"code\":\"invalid_pairing_token\"");
        assertThat(sink.sent.get(1)).isEqualTo("{\"type\":\"auth_success\",\"subject\":\"dev\",\"roles\":[\"DEVICE\"],"
                + "\"device_id\":\"dev\",\"token\":\"device-token\",\"expires_at\":\"2026-12-02T10:00:00Z\"}");
        assertThat(connection.subject()).contains("dev");
        assertThat(sink.closeCode).isNull();
    }

    @Test
    void aPairFrameWithoutItsFieldsIsABadFrame() {
        connection.received("{\"type\":\"pair\",\"pairing_id\":\"p-1\"}");

        assertThat(sink.sent).singleElement().asString().contains("\"code\":\"bad_frame\"");
    }

    @Test
    void unsubscribeAndCloseEndTheSubscriptions() {
        connection.opened(Optional.of("admin-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\"}");
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\"}");

        connection.received("{\"type\":\"unsubscribe\",\"channel\":\"node:node_a1\"}");
        assertThat(bench.registry.subscribers("node:node_a1")).isEmpty();
        assertThat(bench.registry.subscribers("nodes")).hasSize(1);

        connection.closed();
        assertThat(bench.registry.subscribers("nodes")).isEmpty();
    }

    @Test
    void answersPingAndReportsBadFrames() {
        connection.received("{\"type\":\"ping\"}");
        connection.received("{oops");
        connection.received("{\"type\":\"ping\"} trailing");
        connection.received("{\"type\":\"ping\",\"type\":\"auth\"}");
        connection.received("{\"type\":\"dance\"}");
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\",\"since\":\"yesterday\"}");

        assertThat(sink.sent.get(0)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(sink.sent.subList(1, 4)).allSatisfy(frame -> assertThat(frame).contains("\"code\":\"bad_frame\""));
        assertThat(sink.sent.get(4)).contains("\"code\":\"unknown_type\"");
        assertThat(sink.sent.get(5)).contains("\"code\":\"bad_frame\"");
        assertThat(sink.closeCode).isNull();
    }

    @Test
    void anUnavailableReadModelIsAnErrorNotASubscription() {
        bench.views = new CatalogueLiveViews(Fixtures.CATALOGUE, new ViewRows() {
            @Override
            public Optional<ViewReader.StoredRow> find(io.lucid.projections.view.ViewDefinition view, String id, AccessScope scope) {
                throw new ReadModelUnavailableException("database down", null);
            }

            @Override
            public List<ViewReader.StoredRow> firstPage(io.lucid.projections.view.ViewDefinition view, Listing listing, Map<io.lucid.projections.view.Filter, String> filters,
                    int limit, AccessScope scope) {
                throw new ReadModelUnavailableException("database down", null);
            }
        });
        RecordingSink brokenSink = new RecordingSink();
        LiveConnection broken = bench.connect(brokenSink);
        broken.opened(Optional.of("admin-token"));

        broken.received("{\"type\":\"subscribe\",\"channel\":\"node:node_a1\"}");

        assertThat(brokenSink.sent.get(1)).contains("\"code\":\"unavailable\"").doesNotContain("database");
        assertThat(bench.registry.subscribers("node:node_a1")).isEmpty();
    }

    private static LiveLimits withLimits(int subscriptions, int connectionsPerPrincipal, int queue) {
        LiveLimits d = LiveLimits.DEFAULTS;
        return new LiveLimits(queue, d.slowClientGrace(), subscriptions, connectionsPerPrincipal, d.authTimeout(),
                d.idleTimeout(), d.heartbeatInterval(), d.maxMessageBytes());
    }

    private static long version(String frame) {
        int at = frame.indexOf("\"version\":") + "\"version\":".length();
        int end = at;
        while (Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return Long.parseLong(frame.substring(at, end));
    }
}
