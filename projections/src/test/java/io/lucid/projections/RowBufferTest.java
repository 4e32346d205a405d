package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowBufferTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    record Body(String name, int n) {
    }

    private final RowBuffer rows = new RowBuffer();

    @Test
    void eachEventThatChangesABodyRaisesItsVersionByOne() {
        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);
        rows.put("v", "a", new Body("x", 2));
        rows.commitEvent(T);

        assertThat(rows.version("v", "a")).isEqualTo(2);
        assertThat(rows.get("v", "a", Body.class)).contains(new Body("x", 2));
    }

    @Test
    void writingTheSameBodyAgainIsNoChange() {
        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);
        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);

        assertThat(rows.version("v", "a")).isEqualTo(1);
    }

    @Test
    void aRolledBackEventLeavesNothing() {
        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);
        rows.put("v", "a", new Body("y", 9));
        rows.put("v", "b", new Body("z", 3));
        rows.rollbackEvent();

        assertThat(rows.get("v", "a", Body.class)).contains(new Body("x", 1));
        assertThat(rows.get("v", "b", Body.class)).isEmpty();
        assertThat(rows.version("v", "a")).isEqualTo(1);
    }

    @Test
    void aDeletedRowKeepsItsVersionAndComesBackHigher() {
        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);
        rows.delete("v", "a");
        rows.commitEvent(T);

        assertThat(rows.get("v", "a", Body.class)).isEmpty();
        assertThat(rows.version("v", "a")).isEqualTo(2);

        rows.put("v", "a", new Body("x", 1));
        rows.commitEvent(T);
        assertThat(rows.version("v", "a")).isEqualTo(3);
    }

    @Test
    void anEventReadsItsOwnStagedWrites() {
        rows.put("v", "a", new Body("x", 1));

        assertThat(rows.get("v", "a", Body.class)).contains(new Body("x", 1));
    }

    @Test
    void deletingARowThatNeverExistedChangesNothing() {
        rows.delete("v", "ghost");
        rows.commitEvent(T);

        assertThat(rows.changed()).isEmpty();
    }

    @Test
    void bodiesAreSnakeCaseJsonWithFixedWidthInstants() throws Exception {
        record Timed(String nodeId, Instant seenAt) {
        }
        rows.put("v", "a", new Timed("n1", Instant.parse("2026-12-01T10:00:00Z")));
        rows.commitEvent(T);

        assertThat(rows.changed().get(0).body().toString())
                .isEqualTo("{\"node_id\":\"n1\",\"seen_at\":\"2026-12-01T10:00:00.000Z\"}");
    }
}
