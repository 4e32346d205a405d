package io.lucid.streams;

import io.lucid.schemas.poot.PootTimeBase;
import io.lucid.streams.liveness.LivenessSettings;
import io.lucid.streams.pool.PoolSettings;
import io.lucid.streams.poot.PootSettings;
import io.lucid.streams.reward.RewardSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the stream processors need to run, typed, with defaults that run the embedded stack; every value can
 * be set from the environment ({@link #fromEnvironment}).
 *
 * @param bootstrapServers   {@code LUCID_KAFKA_BOOTSTRAP} (127.0.0.1:9092)
 * @param schemaRegistryUrl  {@code LUCID_SCHEMA_REGISTRY_URL} (http://127.0.0.1:8081)
 * @param applicationPrefix  {@code LUCID_STREAMS_APPLICATION_PREFIX} (lucid): application ids are
 *                           {@code <prefix>-poot}, {@code <prefix>-pools} and {@code <prefix>-liveness}
 * @param stateDir           {@code LUCID_STREAMS_STATE_DIR}: where RocksDB keeps the stores (Kafka Streams' default
 *                           under the temporary directory when empty)
 * @param processingGuarantee {@code LUCID_STREAMS_PROCESSING_GUARANTEE} (exactly_once_v2)
 * @param commitInterval     {@code LUCID_STREAMS_COMMIT_INTERVAL_MS} (100 ms)
 * @param threads            {@code LUCID_STREAMS_THREADS} (1 per application)
 * @param settings           the domain settings: the time base shared with command-api ({@code LUCID_POOT_GENESIS},
 *                           {@code LUCID_POOT_SLOT_SECONDS}, {@code LUCID_POOT_SLOTS_PER_EPOCH}, see
 *                           {@link PootTimeBase#fromEnvironment}),
 *                           {@code LUCID_POOT_WINDOW_EPOCHS}, {@code LUCID_POOT_CLOSE_GRACE_SECONDS},
 *                           {@code LUCID_REWARD_POOL_MICRO_USDT}, {@code LUCID_PAYOUT_THRESHOLD_MICRO_USDT},
 *                           {@code LUCID_PAYOUT_CAP_MICRO_USDT}, {@code LUCID_POOL_CAPACITY},
 *                           {@code LUCID_NODE_HEARTBEAT_TIMEOUT_SECONDS}, {@code LUCID_RDP_REPORT_TIMEOUT_SECONDS},
 *                           {@code LUCID_LIVENESS_CHECK_INTERVAL_SECONDS}
 */
public record StreamProcessorsConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationPrefix,
        Optional<String> stateDir,
        String processingGuarantee,
        Duration commitInterval,
        int threads,
        StreamsSettings settings) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
    public static final String DEFAULT_PREFIX = "lucid";
    /**
     * Under exactly-once the commit interval bounds latency and sets the transaction rate. Measured (docs/benchmarks.md,
     * "Stream processors"): 100 ms costs a proof about the same CPU as 250 ms or 1 s, a little more on the broker, and
     * keeps its score within 0.2 s (p50) instead of 0.5 s or 1.6 s.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public StreamProcessorsConfig {
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new IllegalArgumentException("processing guarantee must be exactly_once_v2 or at_least_once: "
                    + processingGuarantee);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    /** The embedded stack's defaults, against the given broker and registry. */
    public static StreamProcessorsConfig of(String bootstrapServers, String schemaRegistryUrl) {
        return new StreamProcessorsConfig(bootstrapServers, schemaRegistryUrl, DEFAULT_PREFIX, Optional.empty(),
                StreamsConfig.EXACTLY_ONCE_V2, DEFAULT_COMMIT_INTERVAL, 1, StreamsSettings.defaults());
    }

    public static StreamProcessorsConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static StreamProcessorsConfig fromEnvironment(Map<String, String> env) {
        Function<String, Optional<String>> var = name -> Optional.ofNullable(env.get(name)).map(String::trim)
                .filter(v -> !v.isEmpty());
        // The time base is read exactly as command-api reads it: both must number slots and epochs alike.
        PootSettings poot = new PootSettings(PootTimeBase.fromEnvironment(env),
                integer(var, "LUCID_POOT_WINDOW_EPOCHS", PootSettings.DEFAULT_WINDOW_EPOCHS),
                seconds(var, "LUCID_POOT_CLOSE_GRACE_SECONDS", PootSettings.DEFAULT_CLOSE_GRACE));
        RewardSettings r = RewardSettings.defaults();
        RewardSettings rewards = new RewardSettings(
                number(var, "LUCID_REWARD_POOL_MICRO_USDT", r.epochPool()),
                number(var, "LUCID_PAYOUT_THRESHOLD_MICRO_USDT", r.payoutThreshold()),
                number(var, "LUCID_PAYOUT_CAP_MICRO_USDT", r.payoutCap()),
                r.feeDivisor(), r.feeMin(), r.feeMax());
        PoolSettings pools = new PoolSettings(integer(var, "LUCID_POOL_CAPACITY", PoolSettings.DEFAULT_CAPACITY),
                PoolSettings.QUORUM);
        LivenessSettings l = LivenessSettings.defaults();
        LivenessSettings liveness = new LivenessSettings(
                seconds(var, "LUCID_NODE_HEARTBEAT_TIMEOUT_SECONDS", l.heartbeatTimeout()),
                seconds(var, "LUCID_RDP_REPORT_TIMEOUT_SECONDS", l.rdpReportTimeout()),
                seconds(var, "LUCID_LIVENESS_CHECK_INTERVAL_SECONDS", l.checkInterval()));
        return new StreamProcessorsConfig(
                var.apply("LUCID_KAFKA_BOOTSTRAP").orElse(DEFAULT_BOOTSTRAP),
                var.apply("LUCID_SCHEMA_REGISTRY_URL").orElse(DEFAULT_REGISTRY),
                var.apply("LUCID_STREAMS_APPLICATION_PREFIX").orElse(DEFAULT_PREFIX),
                var.apply("LUCID_STREAMS_STATE_DIR"),
                var.apply("LUCID_STREAMS_PROCESSING_GUARANTEE").orElse(StreamsConfig.EXACTLY_ONCE_V2),
                Duration.ofMillis(number(var, "LUCID_STREAMS_COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL.toMillis())),
                integer(var, "LUCID_STREAMS_THREADS", 1),
                new StreamsSettings(poot, rewards, pools, liveness));
    }

    public StreamProcessorsConfig withStateDir(String dir) {
        return new StreamProcessorsConfig(bootstrapServers, schemaRegistryUrl, applicationPrefix, Optional.of(dir),
                processingGuarantee, commitInterval, threads, settings);
    }

    public StreamProcessorsConfig withSettings(StreamsSettings s) {
        return new StreamProcessorsConfig(bootstrapServers, schemaRegistryUrl, applicationPrefix, stateDir,
                processingGuarantee, commitInterval, threads, s);
    }

    public StreamProcessorsConfig withProcessing(String guarantee, Duration interval) {
        return new StreamProcessorsConfig(bootstrapServers, schemaRegistryUrl, applicationPrefix, stateDir, guarantee,
                interval, threads, settings);
    }

    public StreamProcessorsConfig withApplicationPrefix(String prefix) {
        return new StreamProcessorsConfig(bootstrapServers, schemaRegistryUrl, prefix, stateDir, processingGuarantee,
                commitInterval, threads, settings);
    }

    private static long number(Function<String, Optional<String>> var, String name, long fallback) {
        return var.apply(name).map(v -> parse(name, v)).orElse(fallback);
    }

    private static int integer(Function<String, Optional<String>> var, String name, int fallback) {
        return Math.toIntExact(number(var, name, fallback));
    }

    private static Duration seconds(Function<String, Optional<String>> var, String name, Duration fallback) {
        return var.apply(name).map(v -> Duration.ofSeconds(parse(name, v))).orElse(fallback);
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
