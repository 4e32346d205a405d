package io.lucid.devstack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.AuditCli;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.NodeStackClients;
import io.lucid.devstack.node.Nodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./lucid audit} against the running stack with an AUDITOR token: output on stdout, one summary line on stderr. */
class AuditCliIT extends NodeStackClients {

    record Run(int code, String out, String err) {
    }

    private static Run audit(String token, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AuditCli(stack.queryApi(), token, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void historyExportStateAndVerifyEachEndWithAOneLineSummary() throws Exception {
        String auditor = tokens.of("AUDITOR", "cli-auditor-" + Nodes.unique());
        String nodeId = nodes.register("node_audcli_", new NodeKeys());
        assertThat(api.post("/api/v1/nodes/" + nodeId + "/activate", null, stack.adminToken()).status()).isEqualTo(200);

        Run history = audit(auditor, "history", nodeId);
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out().lines()).hasSize(2);
        assertThat(history.err()).startsWith("audit history " + nodeId + " (Node): 2 events, sequence 0-1, chain head ");

        Run export = audit(auditor, "export", "--aggregate", nodeId, "--type", "NodeActivated");
        assertThat(export.code()).isZero();
        assertThat(export.out().lines()).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"sequence\":1"));
        assertThat(export.err()).startsWith("audit export: 1 events in ");

        Run state = audit(auditor, "state", nodeId, "--version", "1");
        assertThat(state.code()).as(state.err()).isZero();
        assertThat(state.out()).contains("\"status\" : \"INACTIVE\"");
        assertThat(state.err()).startsWith("audit state " + nodeId + " (Node): version 1, last event at ");

        Run verify = audit(auditor, "verify", "--store", "--aggregate", nodeId);
        assertThat(verify.code()).isZero();
        assertThat(verify.err()).startsWith("audit verify store: OK: 2 events in 1 aggregates, 0 broken");
        Run topics = audit(auditor, "verify", "--topics", "--aggregate", nodeId);
        assertThat(topics.err()).contains("audit verify topics: ");

        assertThat(audit(auditor, "verify").code()).isEqualTo(2);
        Run refused = audit(tokens.of("OPERATOR", "cli-op"), "history", nodeId);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("403 forbidden");
    }
}
