package io.lucid.schemas.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void roundTripsThroughItsOpaqueToken() {
        Position position = new Position(Instant.ofEpochMilli(1_764_000_000_123L), List.of(
                new Position.Entry("lucid.node.events", "node_alpha_01", 3),
                new Position.Entry("lucid.poot.events", "node_alpha_01:42:uptime_beacon", 0)));

        String token = position.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(Position.decode(token)).contains(position);
    }

    @Test
    void rejectsWhatIsNotAPosition() {
        assertThat(Position.decode("not base64!")).isEmpty();
        assertThat(Position.decode("e30")).isEmpty(); // {}
        assertThat(Position.decode(java.util.Base64.getUrlEncoder().encodeToString(
                "{\"v\":1,\"t\":1,\"e\":[[\"t\",\"a\",-1]]}".getBytes()))).isEmpty();
        assertThat(Position.decode("A".repeat(Position.MAX_TOKEN_LENGTH + 1))).isEmpty();
        assertThat(Position.decode(null)).isEmpty();
    }
}
