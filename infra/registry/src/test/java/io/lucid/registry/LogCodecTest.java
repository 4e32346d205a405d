package io.lucid.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCodecTest {

    @Test
    void everyEntryRoundTrips() {
        List<LogEntry> entries = List.of(
                new LogEntry.SchemaVersion("s", 3, 7, "\"string\"", true),
                new LogEntry.SchemaVersionRemoved("s", 3),
                new LogEntry.Config(null, Compatibility.FULL),
                new LogEntry.Config("s", Compatibility.NONE),
                new LogEntry.Config("s", null),
                new LogEntry.ModeChange(Mode.READONLY),
                new LogEntry.IdWatermark(42));

        for (LogEntry entry : entries) {
            LogCodec.Encoded encoded = LogCodec.encode(entry);
            assertThat(LogCodec.decode(encoded.key(), encoded.value())).isEqualTo(entry);
        }
    }

    @Test
    void aVersionAndItsDeletionShareOneKeySoCompactionKeepsTheLatest() {
        byte[] written = LogCodec.encode(new LogEntry.SchemaVersion("s", 1, 1, "\"int\"", false)).key();
        byte[] removed = LogCodec.encode(new LogEntry.SchemaVersionRemoved("s", 1)).key();

        assertThat(removed).isEqualTo(written);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}");
    }

    @Test
    void unknownKeyTypesAreSkipped() {
        byte[] key = "{\"keytype\":\"NOOP\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(LogCodec.decode(key, null)).isNull();
    }
}
