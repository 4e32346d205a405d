package io.lucid.streams;

import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.streams.deadletter.DeadLetterHandler;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of one of the applications. {@link #common} is what every run shares with the
 * topology tests (error handling, naming); {@link #of} adds what only a real cluster needs.
 */
public final class StreamsProperties {

    static final int SESSION_TIMEOUT_MS = 10_000;

    private StreamsProperties() {
    }

    /** Dead letters for bad records, and no unnamed internal resources. */
    public static Properties common(String applicationId, String schemaRegistryUrl) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(AvroSerializer.REGISTRY_URL_CONFIG, schemaRegistryUrl);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // No topology has global state; this only opts in to what Kafka 5.0 makes the default (and stops its warning).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor reads its own StreamsConfig from the main consumer's settings, and Kafka Streams
        // passes a consumer only consumer settings plus what carries the main consumer prefix: without this the
        // assignor warns once per application.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        return props;
    }

    /** The application id of one of the applications: {@code <prefix>-<name>}. */
    public static String applicationId(StreamProcessorsConfig config, String application) {
        return config.applicationPrefix() + "-" + application;
    }

    public static Properties of(StreamProcessorsConfig config, String application) {
        Properties props = common(applicationId(config, application), config.schemaRegistryUrl());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        // A member that died without leaving (kill -9, a lost host) holds its partitions until its session times
        // out, and a restarted instance waits that long for them: 10 s instead of the consumer's 45 s default.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 3);
        config.stateDir().ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir + "/" + application));
        // Under exactly-once the commit flushes the producer, so lingering up to the commit interval costs no latency
        // and makes fewer, larger requests; at-least-once sends almost at once (Kafka Streams' default is 100 ms).
        boolean exactlyOnce = config.processingGuarantee().equals(StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                exactlyOnce ? (int) Math.min(config.commitInterval().toMillis(), 1_000) : 5);
        return props;
    }
}
