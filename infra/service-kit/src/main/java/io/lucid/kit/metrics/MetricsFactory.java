package io.lucid.kit.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * What both APIs measure alike: request latency as a histogram (buckets a dashboard aggregates over instances into
 * percentiles, which client-side percentiles cannot be), per route template and status.
 */
@Factory
final class MetricsFactory {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Singleton
    MeterFilter httpLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(HTTP_SERVER_REQUESTS)
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }
}
