package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {

    @TempDir
    Path dir;

    @Test
    void generatesA48ByteSecretOnceInAPrivateFile() throws Exception {
        Path file = dir.resolve("jwt-secret");
        String secret = JwtSecrets.loadOrCreate(file, Optional.empty());
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(JwtSecrets.loadOrCreate(file, Optional.empty())).isEqualTo(secret);
    }

    @Test
    void theEnvironmentWinsAndNothingIsWritten() {
        Path file = dir.resolve("jwt-secret");
        String override = "an-explicit-secret-of-at-least-32-bytes";
        assertThat(JwtSecrets.loadOrCreate(file, Optional.of(override))).isEqualTo(override);
        assertThat(file).doesNotExist();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> JwtSecrets.loadOrCreate(dir.resolve("jwt-secret"), Optional.of("short")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("LUCID_JWT_SECRET")
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aShortStoredSecretIsRefusedToo() throws Exception {
        Path file = dir.resolve("jwt-secret");
        Files.writeString(file, "tiny", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JwtSecrets.loadOrCreate(file, Optional.empty()))
                .isInstanceOf(StackException.class);
    }
}
