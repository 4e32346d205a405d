package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The stack's JWT signing secret: generated once per data directory and kept there (mode 600) so tokens survive
 * a restart; an explicit secret ({@code LUCID_JWT_SECRET}) wins.
 */
public final class JwtSecrets {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_BYTES = 32;

    private JwtSecrets() {}

    public static String loadOrCreate(Path file, Optional<String> override) {
        if (override.isPresent()) {
            return requireStrong(override.get(), "LUCID_JWT_SECRET");
        }
        try {
            if (Files.exists(file)) {
                return requireStrong(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT secret " + file, e);
        }
    }

    private static String requireStrong(String secret, String source) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new StackException("the JWT secret from " + source + " is shorter than " + MIN_BYTES + " bytes");
        }
        return secret;
    }
}
