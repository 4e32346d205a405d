package io.lucid.query;

import io.lucid.projections.ReadModels;
import io.lucid.kit.auth.RevokedSubjects;
import io.lucid.query.auth.TokenVerifier;
import io.lucid.query.live.CatalogueLiveViews;
import io.lucid.query.live.ChangeHistory;
import io.lucid.query.live.HttpPairingCompleter;
import io.lucid.query.live.LiveConnection;
import io.lucid.query.live.LiveConnections;
import io.lucid.query.live.PairingCompleter;
import io.lucid.query.live.FrameCodec;
import io.lucid.query.live.LiveUpdates;
import io.lucid.query.live.LiveViews;
import io.lucid.query.live.SubscriptionRegistry;
import io.lucid.query.view.ReadYourWrites;
import io.lucid.query.view.ViewCatalogue;
import io.lucid.query.view.ViewReader;
import io.lucid.query.view.ViewReads;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/**
 * Wires the framework-free classes of the read side into the application context: the view catalogue of every read
 * model on the classpath, the reads over it, read-your-writes, and the live protocol.
 */
@Factory
public class QueryFactory {

    @Singleton
    ViewCatalogue viewCatalogue() {
        return new ViewCatalogue(ReadModels.all());
    }

    @Singleton
    ViewReader viewReader(DataSource dataSource, QueryConfig config) {
        return new ViewReader(dataSource, config.readSchema());
    }

    @Singleton
    ViewReads viewReads(ViewReader reader, ViewCatalogue catalogue) {
        return new ViewReads(reader, catalogue);
    }

    @Singleton
    ReadYourWrites readYourWrites(DataSource dataSource, QueryConfig config) {
        return new ReadYourWrites(dataSource, config.readSchema(), config.readYourWritesWait(),
                config.dedupeRetention(), Clock.systemUTC());
    }

    @Singleton
    FrameCodec frameCodec(JsonMapper json) {
        return new FrameCodec(json);
    }

    @Singleton
    SubscriptionRegistry subscriptionRegistry() {
        return new SubscriptionRegistry();
    }

    @Singleton
    LiveViews liveViews(ViewCatalogue catalogue, ViewReader reader) {
        return new CatalogueLiveViews(catalogue, reader);
    }

    @Singleton
    ChangeHistory changeHistory(QueryConfig config) {
        return new ChangeHistory(config.wsHistory());
    }

    @Singleton
    LiveUpdates liveUpdates(SubscriptionRegistry registry, ViewCatalogue catalogue, ChangeHistory history,
            FrameCodec codec) {
        return new LiveUpdates(registry, catalogue, history, codec);
    }

    @Singleton
    PairingCompleter pairingCompleter(QueryConfig config) {
        return new HttpPairingCompleter(URI.create(config.commandApiUrl()));
    }

    @Singleton
    LiveConnections liveConnections(RevokedSubjects revokedSubjects, QueryConfig config) {
        return new LiveConnections(revokedSubjects, config.wsMaxConnectionsPerPrincipal(), Clock.systemUTC());
    }

    @Singleton
    LiveConnection.Services liveServices(FrameCodec codec, TokenVerifier tokens, SubscriptionRegistry registry,
            LiveViews views, ChangeHistory history, PairingCompleter pairings, LiveConnections connections,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking, QueryConfig config) {
        return new LiveConnection.Services(codec, tokens, registry, views, history, pairings, connections, blocking,
                config.liveLimits(), Clock.systemUTC());
    }
}
