package io.lucid.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical manifest JSON and its hash (DOMAIN.md section 2, formats in docs/sessions.md). */
class SessionManifestTest {

    private static final String ROOT = "1c5ad57fcefa32ff015e885e53a7030eb0054028a1d6b7d708bd7e18637d6f37";
    private static final String ID = "6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21";

    @Test
    void canonicalJsonHasSortedKeysNoSpacesAndMillisecondUtcTime() {
        assertThat(SessionManifest.canonicalJson(3, Instant.parse("2026-11-21T08:00:00Z"), ROOT, ID, 3072))
                .isEqualTo("{\"chunk_count\":3,\"created_at\":\"2026-11-21T08:00:00.000Z\",\"merkle_root\":\"" + ROOT
                        + "\",\"session_id\":\"" + ID + "\",\"total_size\":3072}");
    }

    @Test
    void createdAtAlwaysHasThreeFractionDigitsAndDropsSubMilliseconds() {
        assertThat(SessionManifest.canonicalJson(1, Instant.parse("2026-01-02T03:04:05.120999Z"), ROOT, ID, 1))
                .contains("\"created_at\":\"2026-01-02T03:04:05.120Z\"");
    }

    @Test
    void largeNumbersArePlainIntegers() {
        assertThat(SessionManifest.canonicalJson(1_000_000, Instant.EPOCH, ROOT, ID, 1_000_000_000_000L))
                .contains("\"chunk_count\":1000000,").contains("\"total_size\":1000000000000}")
                .contains("\"created_at\":\"1970-01-01T00:00:00.000Z\"");
    }

    /** printf '%s' '<the canonical JSON above>' | sha256sum */
    @Test
    void manifestHashIsTheSha256OfTheCanonicalJson() {
        assertThat(SessionManifest.hash(3, Instant.parse("2026-11-21T08:00:00Z"), ROOT, ID, 3072))
                .isEqualTo("c52df2fae25922113817537155a5dec3869245ff2dc47ea9a32da304d6fc09a8");
    }
}
