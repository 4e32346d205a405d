package io.lucid.devstack.service;

import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;
import io.lucid.projections.engine.ProjectionCounters;
import io.lucid.projections.engine.ProjectionRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (ProjectionRunner runner : projections.runners()) {
            String label = "{projection=\"" + runner.model().name() + "\"}";
            ProjectionCounters counters = runner.counters();
            samples.put("lucid_projection_records_total" + label, (double) counters.records());
            samples.put("lucid_projection_applied_total" + label, (double) counters.applied());
            samples.put("lucid_projection_row_changes_total" + label, (double) counters.changes());
            samples.put("lucid_projection_dead_letters_total" + label, (double) counters.deadLetters());
            ConsumerLag.of(runner.consumerMetrics())
                    .ifPresent(lag -> samples.put("lucid_projection_lag_records" + label, (double) lag));
            samples.put("lucid_projection_running" + label, runner.isRunning() ? 1.0 : 0.0);
        }
        return samples;
    }

    @Override
    public void close() {
        projections.close();
    }
}
