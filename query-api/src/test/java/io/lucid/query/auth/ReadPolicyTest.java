package io.lucid.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPolicyTest {

    @Test
    void adminsOperatorsAndAuditorsReadEveryNode() {
        for (String role : List.of("ADMIN", "OPERATOR", "AUDITOR")) {
            Caller caller = Caller.of("u", List.of(role), null);
            assertThat(ReadPolicy.mayReadNode(caller, "node_any123")).as(role).isTrue();
            assertThat(ReadPolicy.mayListNodes(caller)).as(role).isTrue();
        }
    }

    @Test
    void aNodeReadsOnlyItself() {
        Caller node = Caller.of("n", List.of("NODE"), "node_abc123");

        assertThat(ReadPolicy.mayReadNode(node, "node_abc123")).isTrue();
        assertThat(ReadPolicy.mayReadNode(node, "node_other1")).isFalse();
        assertThat(ReadPolicy.mayListNodes(node)).isFalse();
    }

    @Test
    void aNodeTokenWithoutNodeIdReadsNothing() {
        assertThat(ReadPolicy.mayReadNode(Caller.of("n", List.of("NODE"), null), "node_abc123")).isFalse();
    }

    @Test
    void devicesAndUnknownRolesReadNoNode() {
        assertThat(ReadPolicy.mayReadNode(Caller.of("d", List.of("DEVICE", "ROOT"), null), "node_abc123")).isFalse();
        assertThat(Caller.of("d", List.of("DEVICE", "ROOT"), null).roles()).containsExactly(Role.DEVICE);
    }
}
