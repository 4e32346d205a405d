package io.lucid.devstack.service;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How far a Kafka consumer is behind its partitions, from its own metrics: the sum of {@code records-lag} over the
 * partitions it is assigned (Kafka Streams' consumers report the same metric).
 */
final class ConsumerLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";

    private ConsumerLag() {
    }

    /** The summed lag, empty while no partition has been fetched yet (not assigned yet: not caught up either). */
    static OptionalLong of(Map<MetricName, ? extends Metric> metrics) {
        long sum = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(GROUP) && name.name().equals("records-lag") && name.tags().containsKey("partition")
                    && entry.getValue().metricValue() instanceof Double lag && !lag.isNaN()) {
                sum += lag.longValue();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
