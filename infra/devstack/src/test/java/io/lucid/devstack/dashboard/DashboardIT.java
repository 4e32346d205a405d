package io.lucid.devstack.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lucid.devstack.contract.NodeJs;
import io.lucid.devstack.demo.DemoTraffic;
import io.lucid.devstack.query.Derived;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (Debian's headless Chromium driven by npm {@code playwright-core}) against the
 * embedded test stack: the page connects with the prefilled token, gets a snapshot on every channel, then, while the
 * demo traffic runs, each panel receives updates; the pairing panel shows a QR code started through command-api (a
 * cross-origin call: CORS) and turns green once a device completes it. A payout calculation is produced as an epoch
 * close would (the test stack's epochs last a day), and the demo's payment operator pays it. Saves a screenshot.
 */
class DashboardIT {

    private static final long TIMEOUT_MS = 150_000;

    @Test
    void everyPanelReceivesLiveUpdatesAndThePairingTurnsGreen() throws Exception {
        assumeTrue(NodeJs.available(), "node is not installed");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            // Debian's package; the test installs it when missing, as CI's fresh machine needs.
            NodeJs.Result apt = NodeJs.run(Path.of("."), List.of("sh", "-c",
                    "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium"), 900);
            assertThat(apt.exitCode()).as("apt-get install chromium: %s", apt.describe()).isZero();
        }
        TestStack stack = TestStacks.get();
        Path check = NodeJs.install(Path.of("src/test/node/dashboard").toAbsolutePath(), "dashboard-check");
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Process browser = new ProcessBuilder("node", "check.js", stack.queryApi() + "/", screenshot.toString(),
                String.valueOf(TIMEOUT_MS)).directory(check.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        DemoTraffic traffic = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
                Derived derived = new Derived(stack)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.equals("READY") && traffic == null) {
                    // Only now: the panels must get these as updates, after their snapshots.
                    traffic = DemoTraffic.start(stack.commandApi(), stack.queryApi(), stack.jwtSecret(), 8);
                    // The calculation names a demo node: give the demo's first tick time to register it.
                    Thread.sleep(3000);
                    long epoch = traffic.timeBase().epochOfSlot(traffic.timeBase().slotAt(Instant.now()));
                    derived.payoutCalculation(epoch - 1, traffic.nodeIds().get(0), 42_000_000);
                }
            }
            assertThat(browser.waitFor(TIMEOUT_MS + 60_000, TimeUnit.MILLISECONDS)).isTrue();
        } finally {
            if (traffic != null) {
                traffic.close();
            }
            browser.destroyForcibly();
        }
        String result = output.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse("no RESULT line");
        assertThat(browser.exitValue()).as("browser check:\n%s", String.join("\n", output)).isZero();
        assertThat(result).contains("\"paired\":true");
        assertThat(screenshot).isNotEmptyFile();
    }
}
