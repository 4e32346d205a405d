package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @TempDir
    Path dir;

    @Test
    void stopsALeftoverProcessThatCarriesTheMarker() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "300").start();
        try {
            PidFiles pidFiles = new PidFiles(dir);
            pidFiles.write("kafka", leftover.pid());
            assertThat(pidFiles.live("kafka", "sleep 300")).isPresent();

            assertThat(pidFiles.stopLeftovers("sleep 300", "devstack")).isEqualTo(1);

            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve("kafka.pid")).doesNotExist();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void neverTouchesAProcessWithoutTheMarker() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            PidFiles pidFiles = new PidFiles(dir);
            pidFiles.write("kafka", unrelated.pid());
            assertThat(pidFiles.stopLeftovers(PidFiles.marker(dir), "devstack")).isZero();
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(dir.resolve("kafka.pid")).doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void findsTheMarkerBehindALongClasspath() throws Exception {
        // The launcher's JVM names its main class after a classpath of several kilobytes (bash "read": no child).
        String classpath = "/a/long/path/to/some.jar:".repeat(400);
        String main = "io.lucid.devstack.Devstack";
        Process launcher = new ProcessBuilder("bash", "-c", "read -t 300 _; true", classpath, main).start();
        try {
            PidFiles pidFiles = new PidFiles(dir);
            pidFiles.write("devstack", launcher.pid());
            assertThat(pidFiles.live("devstack", "io.lucid.devstack.Devstack")).isPresent();
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void keepsTheNamedPidFile() throws Exception {
        PidFiles pidFiles = new PidFiles(dir);
        pidFiles.write("devstack", ProcessHandle.current().pid());
        pidFiles.stopLeftovers("no such marker", "devstack");
        assertThat(Files.readString(dir.resolve("devstack.pid")).trim())
                .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void aStalePidIsNotLive() {
        PidFiles pidFiles = new PidFiles(dir);
        pidFiles.write("query-api", Long.MAX_VALUE / 2);
        assertThat(pidFiles.live("query-api", "")).isEmpty();
    }
}
