package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctAndFree() {
        int[] ports = Ports.freePorts(6);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
        for (int port : ports) {
            assertThat(Ports.isFree(port)).isTrue();
        }
    }

    @Test
    void aPortListeningOnLoopbackIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void aTakenPortFailsWithOneLineNamingPortComponentAndVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            List<Ports.Claim> claims = List.of(
                    new Ports.Claim(Ports.freePorts(1)[0], "PostgreSQL", "set LUCID_DB_URL"),
                    new Ports.Claim(port, "Kafka broker", "set LUCID_KAFKA_BOOTSTRAP to use an external Kafka"));
            assertThatThrownBy(() -> Ports.requireFree(claims))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("Kafka broker")
                    .hasMessageContaining("LUCID_KAFKA_BOOTSTRAP")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aPortClaimedTwiceIsRejected() {
        int port = Ports.freePorts(1)[0];
        assertThatThrownBy(() -> Ports.requireFree(List.of(
                new Ports.Claim(port, "command-api", "set LUCID_COMMAND_PORT"),
                new Ports.Claim(port, "query-api", "set LUCID_QUERY_PORT"))))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("command-api and query-api");
    }

    @Test
    void acceptsTellsWhetherSomethingListens() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.accepts(listening.getLocalPort())).isTrue();
        }
        assertThat(Ports.accepts(Ports.freePorts(1)[0])).isFalse();
    }
}
