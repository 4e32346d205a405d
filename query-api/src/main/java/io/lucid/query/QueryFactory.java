package io.lucid.query;

import io.lucid.projections.ReadModels;
import io.lucid.query.live.CatalogueLiveViews;
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
import jakarta.inject.Singleton;
import java.time.Clock;
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
    LiveUpdates liveUpdates(SubscriptionRegistry registry, ViewCatalogue catalogue) {
        return new LiveUpdates(registry, catalogue);
    }
}
