package io.lucid.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamProcessorsConfigTest {

    @Test
    void runsTheEmbeddedStackWithDomainDefaults() {
        StreamProcessorsConfig config = StreamProcessorsConfig.fromEnvironment(Map.of());
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.settings()).isEqualTo(StreamsSettings.defaults());
    }

    @Test
    void readsEveryDomainSettingFromTheEnvironment() {
        StreamProcessorsConfig config = StreamProcessorsConfig.fromEnvironment(Map.ofEntries(
                Map.entry("LUCID_KAFKA_BOOTSTRAP", "broker:29092"),
                Map.entry("LUCID_SCHEMA_REGISTRY_URL", "http://registry:8081"),
                Map.entry("LUCID_POOT_GENESIS", "2025-06-01T00:00:00Z"),
                Map.entry("LUCID_POOT_SLOT_SECONDS", "1"),
                Map.entry("LUCID_POOT_SLOTS_PER_EPOCH", "60"),
                Map.entry("LUCID_POOT_WINDOW_EPOCHS", "3"),
                Map.entry("LUCID_POOT_CLOSE_GRACE_SECONDS", "40"),
                Map.entry("LUCID_REWARD_POOL_MICRO_USDT", "5000000"),
                Map.entry("LUCID_PAYOUT_THRESHOLD_MICRO_USDT", "2000000"),
                Map.entry("LUCID_POOL_CAPACITY", "7"),
                Map.entry("LUCID_NODE_HEARTBEAT_TIMEOUT_SECONDS", "30"),
                Map.entry("LUCID_STREAMS_PROCESSING_GUARANTEE", "at_least_once"),
                Map.entry("LUCID_STREAMS_COMMIT_INTERVAL_MS", "1000")));
        StreamsSettings s = config.settings();
        assertThat(s.poot().genesis()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(s.poot().slotLength()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.poot().slotsPerEpoch()).isEqualTo(60);
        assertThat(s.poot().windowEpochs()).isEqualTo(3);
        assertThat(s.poot().closeGrace()).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.rewards().epochPool()).isEqualTo(5_000_000);
        assertThat(s.rewards().payoutThreshold()).isEqualTo(2_000_000);
        assertThat(s.pools().capacity()).isEqualTo(7);
        assertThat(s.liveness().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        Properties props = StreamsProperties.of(config, "poot");
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("lucid-poot");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
    }

    @Test
    void rejectsAMalformedNumber() {
        assertThatThrownBy(() -> StreamProcessorsConfig.fromEnvironment(Map.of("LUCID_POOL_CAPACITY", "many")))
                .hasMessageContaining("LUCID_POOL_CAPACITY");
    }
}
