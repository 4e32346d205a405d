package io.lucid.command.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client addresses are literal IPv4 or IPv6 addresses, never names (no lookup may happen in a command). */
class RdpServerRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "255.255.255.255", "::1", "::", "2001:db8::8a2e:370:7334",
        "fe80::1", "::ffff:192.168.1.1", "2001:0db8:0000:0000:0000:ff00:0042:8329"})
    void acceptsLiteralAddresses(String ip) {
        assertThat(RdpServerRules.isIpAddress(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "localhost", "abc", "deadbeef", "1:2:3:4:5:6:7:8:9",
        ":::", "12345::1"})
    void refusesEverythingElse(String ip) {
        assertThat(RdpServerRules.isIpAddress(ip)).isFalse();
    }
}
