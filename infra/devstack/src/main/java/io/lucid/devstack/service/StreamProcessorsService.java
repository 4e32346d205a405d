package io.lucid.devstack.service;

import io.lucid.streams.StreamProcessors;
import io.lucid.streams.StreamProcessorsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.KafkaStreams;

/** The stream processors (PoOT, pools, liveness), one Kafka Streams application each. */
final class StreamProcessorsService implements Service {

    private final StreamProcessors processors;
    private final long maxLag;

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

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (Map.Entry<String, KafkaStreams> entry : processors.applicationsByName().entrySet()) {
            KafkaStreams streams = entry.getValue();
            String label = "{application=\"" + entry.getKey() + "\"}";
            samples.put("lucid_streams_running" + label, streams.state() == KafkaStreams.State.RUNNING ? 1.0 : 0.0);
            ConsumerLag.of(streams.metrics()).ifPresent(lag -> samples.put("lucid_streams_lag_records" + label, (double) lag));
        }
        return samples;
    }

    @Override
    public void close() {
        processors.close();
    }
}
