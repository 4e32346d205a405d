package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.Ports;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker services as processes of their own ({@link ServiceMain}), configured by environment variables only,
 * against the shared test stack: readiness turns true once caught up, metrics name each projection, SIGTERM stops
 * them gracefully, and a relay still waiting for its replication slot is live but not ready.
 */
class StandaloneServicesIT {

    @Test
    void projectionsRunStandaloneReportLagAndStopOnSigterm() throws Exception {
        TestStack stack = TestStacks.get();
        Map<String, String> env = StandaloneService.connections(stack, Ports.freePorts(1)[0]);
        // A schema and consumer groups of its own: the stack's projections keep theirs.
        env.put("LUCID_READ_SCHEMA", "standalone_it");
        env.put("LUCID_PROJECTIONS_GROUP_PREFIX", "lucid-standalone-it");
        env.put("LUCID_PROJECTIONS", "nodes,pools");
        StandaloneService projections = StandaloneService.launch(Services.PROJECTIONS, env);
        try {
            projections.awaitStatus("/health/readiness", 200);
            assertThat(projections.get("/health/liveness").statusCode()).isEqualTo(200);
            String metrics = projections.get("/metrics").body();
            assertThat(metrics).contains("lucid_projection_lag_records{projection=\"nodes\"}",
                    "lucid_projection_records_total{projection=\"pools\"}", "lucid_projection_running{projection=\"nodes\"} 1.0");
        } finally {
            projections.stop(); // SIGTERM
        }
        assertThat(projections.awaitExit(Duration.ofSeconds(40))).as("stopped within 40 s of SIGTERM").isTrue();
        assertThat(projections.logText()).contains("stopping projections").doesNotContain(" ERROR ");
    }

    @Test
    void aRelayWaitingForItsSlotIsLiveButNotReady() throws Exception {
        TestStack stack = TestStacks.get();
        Map<String, String> env = StandaloneService.connections(stack, Ports.freePorts(1)[0]);
        env.put("LUCID_RELAY_SLOT", "no_such_slot");
        StandaloneService relay = StandaloneService.launch(Services.RELAY, env);
        try {
            relay.awaitStatus("/health/liveness", 200);
            HttpResponse<String> readiness = relay.get("/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("starting");
        } finally {
            relay.stop();
        }
        assertThat(relay.awaitExit(Duration.ofSeconds(40))).isTrue();
    }
}
