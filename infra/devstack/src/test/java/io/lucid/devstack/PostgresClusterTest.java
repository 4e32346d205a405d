package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresClusterTest {

    @TempDir
    Path root;

    @Test
    void picksTheNewestVersionThatHasInitdb() throws Exception {
        fakeBin("9.6");
        fakeBin("15");
        fakeBin("16");
        Files.createDirectories(root.resolve("17/bin")); // no initdb: a client-only install
        assertThat(PostgresCluster.findBinaries(Optional.empty(), root)).isEqualTo(root.resolve("16/bin"));
    }

    @Test
    void lucidPgBinWins() throws Exception {
        fakeBin("16");
        Path custom = fakeBin("15");
        assertThat(PostgresCluster.findBinaries(Optional.of(custom), root)).isEqualTo(custom);
    }

    @Test
    void aLucidPgBinWithoutInitdbIsOneClearLine() {
        assertThatThrownBy(() -> PostgresCluster.findBinaries(Optional.of(root.resolve("nowhere")), root))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("LUCID_PG_BIN")
                .hasMessageContaining("initdb");
    }

    @Test
    void noBinariesSaysWhatToDo() {
        assertThatThrownBy(() -> PostgresCluster.findBinaries(Optional.empty(), root.resolve("absent")))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("PostgreSQL binaries not found")
                .hasMessageContaining("postgresql-15")
                .hasMessageContaining("LUCID_PG_BIN")
                .hasMessageContaining("LUCID_DB_URL")
                .hasMessageNotContaining("\n");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(PostgresCluster.compareVersions("9.6", "15")).isNegative();
        assertThat(PostgresCluster.compareVersions("16.1", "16")).isPositive();
        assertThat(PostgresCluster.compareVersions("15", "15")).isZero();
    }

    @Test
    void nothingRunsWithoutAPostmasterPid() {
        assertThat(PostgresCluster.isRunning(root)).isFalse();
    }

    private Path fakeBin(String version) throws Exception {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        Path initdb = bin.resolve("initdb");
        Files.writeString(initdb, "#!/bin/sh\n");
        Files.setPosixFilePermissions(initdb, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
