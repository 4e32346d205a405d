package io.lucid.command.rdp;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.math.BigDecimal;

/**
 * The body of {@code POST /api/v1/rdp-servers} (DOMAIN.md section 3). Every field may be absent on the wire so the
 * rules can name each missing or broken one. {@code config} has defaults; {@code resources} must be given in full.
 * CPU is read as an exact decimal (never a binary floating-point number): 0.10-8.00 cores, two decimals at most.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CreateRdpServerRequest(
        @Strict.Text @Nullable String name,
        @Strict.Text @Nullable String sessionId,
        @Strict.Text @Nullable String nodeId,
        @Nullable Config config,
        @Nullable Resources resources) {

    /** Desktop configuration; every field has a default. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Config(
            @Strict.Text @Nullable String desktop,
            @Strict.Text @Nullable String resolution,
            @Strict.Int @Nullable Integer colorDepth) {
    }

    /** Reserved resources; sizes in MiB, bandwidth in Mbit/s. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Resources(
            @Strict.Decimal @Nullable BigDecimal cpu,
            @Strict.Int @Nullable Integer memoryMb,
            @Strict.Int @Nullable Integer diskMb,
            @Strict.Int @Nullable Integer networkMbps) {
    }
}
