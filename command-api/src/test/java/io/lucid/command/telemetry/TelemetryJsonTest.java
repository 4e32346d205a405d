package io.lucid.command.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Telemetry bodies take each value only in its JSON type, as command bodies do: nothing is coerced. */
class TelemetryJsonTest {

    // The strict deserializers are beans: a mapper over their package, as the application has.
    private static final ObjectMapper.CloseableObjectMapper json =
            ObjectMapper.create(Map.of(), "io.lucid.command.validation", "io.lucid.command.telemetry");

    @AfterAll
    static void close() throws IOException {
        json.close();
    }

    @Test
    void readsAWellTypedHeartbeat() throws IOException {
        HeartbeatReport report = json.readValue("{\"cpu_percent\":12.5,\"memory_used_bytes\":1024,"
                + "\"storage_used_bytes\":2048,\"network_mbps\":100,\"active_sessions\":3}", HeartbeatReport.class);
        assertThat(report).isEqualTo(new HeartbeatReport(12.5, 1024L, 2048L, 100.0, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"cpu_percent\":true}", "{\"cpu_percent\":\"12\"}", "{\"memory_used_bytes\":1.5}",
            "{\"active_sessions\":\"3\"}", "{\"network_mbps\":false}"})
    void refusesAHeartbeatValueOfAnotherType(String body) {
        assertThatThrownBy(() -> json.readValue(body, HeartbeatReport.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alive\":1}", "{\"alive\":\"true\"}", "{\"cpu_percent\":true}", "{\"memory_mb\":\"512\"}",
            "{\"active_connections\":2.5}"})
    void refusesAnRdpHealthValueOfAnotherType(String body) {
        assertThatThrownBy(() -> json.readValue(body, RdpHealthReport.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected");
    }
}
