package io.lucid.devstack.service;

import io.lucid.projections.ProjectionConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.lucid.projections.ProjectionService;
import io.lucid.projections.engine.ProjectionCounters;
import io.lucid.projections.engine.ProjectionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The projections: every read model (or those of {@code LUCID_PROJECTIONS}) into the read schema. */
final class ProjectionsService implements Service {

    private final ProjectionService projections;
    private final long maxLag;

    ProjectionsService(Map<String, String> env, long maxLag) {
        this.projections = ProjectionService.start(ProjectionConfig.fromEnvironment(env));
        this.maxLag = maxLag;
    }

    @Override
    public String name() {
        return Services.PROJECTIONS;
    }

    @Override
    public boolean isLive() {
        return projections.isRunning();
    }

    @Override
    public Health readiness() {
        List<String> behind = new ArrayList<>();
        for (ProjectionRunner runner : projections.runners()) {
            OptionalLong lag = ConsumerLag.of(runner.consumerMetrics());
            if (!runner.isRunning()) {
                behind.add(runner.model().name() + " stopped");
            } else if (lag.isEmpty()) {
                behind.add(runner.model().name() + " not assigned yet");
            } else if (lag.getAsLong() > maxLag) {
                behind.add(runner.model().name() + " " + lag.getAsLong() + " records behind");
            }
        }
        return behind.isEmpty() ? new Health(true, "every projection within " + maxLag + " records")
                : new Health(false, String.join(", ", behind));
    }

    /** The engine's own counters ({@link ProjectionCounters}) and the consumer's lag, per projection. */
    @Override
    public void bindMetrics(MeterRegistry registry) {
        for (ProjectionRunner runner : projections.runners()) {
            Tags tags = Tags.of("projection", runner.model().name());
            ProjectionCounters counters = runner.counters();
            FunctionCounter.builder("lucid.projection.records", counters, ProjectionCounters::records)
                    .description("records read").tags(tags).register(registry);
            FunctionCounter.builder("lucid.projection.applied", counters, ProjectionCounters::applied)
                    .description("events applied").tags(tags).register(registry);
            FunctionCounter.builder("lucid.projection.row.changes", counters, ProjectionCounters::changes)
                    .description("view rows changed").tags(tags).register(registry);
            FunctionCounter.builder("lucid.projection.dead.letters", counters, ProjectionCounters::deadLetters)
                    .description("records sent to the dead-letter topic").tags(tags).register(registry);
            // NaN (no sample) until the consumer has fetched from an assigned partition.
            Gauge.builder("lucid.projection.lag.records", runner,
                            r -> ConsumerLag.of(r.consumerMetrics()).stream().mapToDouble(l -> l).findFirst().orElse(Double.NaN))
                    .description("records behind the partitions' ends").tags(tags).register(registry);
            Gauge.builder("lucid.projection.running", runner, r -> r.isRunning() ? 1 : 0)
                    .description("1 while the projection's loop runs").tags(tags).register(registry);
        }
    }

    @Override
    public void close() {
        projections.close();
    }
}
