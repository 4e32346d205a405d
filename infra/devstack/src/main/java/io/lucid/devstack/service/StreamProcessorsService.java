package io.lucid.devstack.service;

import io.lucid.streams.StreamProcessors;
import io.lucid.streams.StreamProcessorsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.KafkaStreams;

/** The stream processors (PoOT, pools, liveness), one Kafka Streams application each. */
final class StreamProcessorsService implements Service {

    private final StreamProcessors processors;
    private final long maxLag;
    /** Each refreshes its meters on a thread of its own: closed with the service. */
    private final List<KafkaStreamsMetrics> clientMetricBinders = new java.util.concurrent.CopyOnWriteArrayList<>();

    StreamProcessorsService(StreamProcessorsConfig config, long maxLag) {
        this.processors = StreamProcessors.start(config);
        this.maxLag = maxLag;
    }

    @Override
    public String name() {
        return Services.STREAM_PROCESSORS;
    }

    @Override
    public boolean isLive() {
        return processors.isRunning();
    }

    @Override
    public Health readiness() {
        List<String> behind = new ArrayList<>();
        for (Map.Entry<String, KafkaStreams> entry : processors.applicationsByName().entrySet()) {
            KafkaStreams streams = entry.getValue();
            String id = entry.getKey();
            OptionalLong lag = ConsumerLag.of(streams.metrics());
            if (streams.state() != KafkaStreams.State.RUNNING) {
                behind.add(id + " " + streams.state());
            } else if (lag.isPresent() && lag.getAsLong() > maxLag) {
                behind.add(id + " " + lag.getAsLong() + " records behind");
            }
        }
        return behind.isEmpty() ? new Health(true, "every application running within " + maxLag + " records")
                : new Health(false, String.join(", ", behind));
    }

    /**
     * Per application: running, lag, and every Kafka Streams client metric (Micrometer's {@link KafkaStreamsMetrics}:
     * {@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}, tagged with the application).
     */
    @Override
    public void bindMetrics(MeterRegistry registry) {
        for (Map.Entry<String, KafkaStreams> entry : processors.applicationsByName().entrySet()) {
            KafkaStreams streams = entry.getValue();
            Tags tags = Tags.of("application", entry.getKey());
            Gauge.builder("lucid.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                    .description("1 while the application is RUNNING").tags(tags).register(registry);
            Gauge.builder("lucid.streams.lag.records", streams,
                            s -> ConsumerLag.of(s.metrics()).stream().mapToDouble(l -> l).findFirst().orElse(Double.NaN))
                    .description("records behind the input partitions").tags(tags).register(registry);
            KafkaStreamsMetrics clientMetrics = new KafkaStreamsMetrics(streams, tags);
            clientMetrics.bindTo(registry);
            clientMetricBinders.add(clientMetrics);
        }
    }

    @Override
    public void close() {
        clientMetricBinders.forEach(KafkaStreamsMetrics::close);
        processors.close();
    }
}
