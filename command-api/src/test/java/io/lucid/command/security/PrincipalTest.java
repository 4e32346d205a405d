package io.lucid.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.command.problem.CommandRejectedException;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/** The per-resource rules of DOMAIN.md section 7 as the {@link Principal} checks implement them. */
class PrincipalTest {

    static final Principal ADMIN = new Principal("admin", Set.of(Roles.ADMIN), null);
    static final Principal OPERATOR = new Principal("op", Set.of(Roles.OPERATOR), null);
    static final Principal NODE_A = new Principal("agent-a", Set.of(Roles.NODE), "node_alpha_01");
    static final Principal DEVICE = new Principal("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Set.of(Roles.DEVICE), null);
    static final Principal AUDITOR = new Principal("aud", Set.of(Roles.AUDITOR), null);

    @Test
    void adminMayDoEverything() {
        ADMIN.requireAny(Roles.OPERATOR).requireNode("node_x").requireOwnNode("node_x").requireDevice("d").requireOwner("someone");
    }

    @Test
    void aNodeTokenActsOnlyForItsOwnNode() {
        NODE_A.requireNode("node_alpha_01").requireOwnNode("node_alpha_01");
        assertForbidden(() -> NODE_A.requireNode("node_beta_01"));
        assertForbidden(() -> NODE_A.requireOwnNode("node_beta_01"));
    }

    @Test
    void anOperatorManagesNodesButDoesNotSpeakAsOne() {
        OPERATOR.requireNode("node_alpha_01");
        assertForbidden(() -> OPERATOR.requireOwnNode("node_alpha_01"));
    }

    @Test
    void aDeviceActsOnlyForItselfAndWhatItOwns() {
        DEVICE.requireDevice(DEVICE.subject()).requireOwner(DEVICE.subject());
        assertThat(DEVICE.deviceId()).isEqualTo(DEVICE.subject());
        assertForbidden(() -> DEVICE.requireDevice("another"));
        assertForbidden(() -> DEVICE.requireOwner("another"));
        assertForbidden(() -> DEVICE.requireNode("node_alpha_01"));
    }

    @Test
    void anAuditorMayNotCommand() {
        assertForbidden(() -> AUDITOR.requireAny(Roles.OPERATOR, Roles.NODE, Roles.DEVICE));
        assertForbidden(() -> AUDITOR.requireNode("node_alpha_01"));
        assertForbidden(() -> AUDITOR.requireOwner("aud-owned"));
    }

    @Test
    void theSystemPrincipalPassesAndNamesItself() {
        Principal system = Principal.system("pairing-expiry");
        assertThat(system.subject()).isEqualTo("system:pairing-expiry");
        system.requireOwnNode("node_x").requireOwner("x");
    }

    @Test
    void travelsThroughCommandMetadata() {
        MetaData metaData = NODE_A.metaData();
        assertThat(Principal.fromMetaData(metaData)).isEqualTo(NODE_A);
        assertThat(Principal.fromMetaData(MetaData.with("actor", "x"))).isNull();
    }

    private static void assertForbidden(Runnable check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(CommandRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("forbidden");
        });
    }
}
