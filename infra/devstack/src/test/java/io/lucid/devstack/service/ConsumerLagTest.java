package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** Lag is the sum over assigned partitions; a consumer that fetched nothing yet has no lag to report. */
class ConsumerLagTest {

    @Test
    void sumsTheLagOfEveryPartition() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag", Map.of("topic", "lucid.node.events", "partition", "0"), 40.0);
        put(metrics, "records-lag", Map.of("topic", "lucid.node.events", "partition", "1"), 2.0);
        put(metrics, "records-lag-max", Map.of(), 40.0); // the consumer-wide maximum is not a partition
        assertThat(ConsumerLag.of(metrics)).hasValue(42);
    }

    @Test
    void isUnknownBeforeTheFirstFetch() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag-max", Map.of(), Double.NaN);
        assertThat(ConsumerLag.of(metrics)).isEmpty();
        put(metrics, "records-lag", Map.of("topic", "t", "partition", "0"), Double.NaN);
        assertThat(ConsumerLag.of(metrics)).isEmpty();
    }

    private static void put(Map<MetricName, Metric> metrics, String name, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
