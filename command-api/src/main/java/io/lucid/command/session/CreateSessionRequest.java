package io.lucid.command.session;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * The body of {@code POST /api/v1/sessions} (DOMAIN.md section 2). Every field may be absent on the wire so the
 * rules can name each missing or broken one; absent optional settings take their documented defaults. Enums
 * travel as strings so an unknown value is a 422 naming the field, not a 400 (ADR 0001); a value of the wrong JSON
 * type is a 400 ({@link Strict}), never coerced.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CreateSessionRequest(
        @Strict.Text @Nullable String name,
        @Strict.Text @Nullable String nodeId,
        @Strict.Text @Nullable String rdpServerId,
        @Nullable Recording recording,
        @Nullable Storage storage,
        @Nullable Metadata metadata) {

    /** How the session is recorded; every field has a default. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Recording(
            @Strict.Int @Nullable Integer frameRate,
            @Strict.Text @Nullable String resolution,
            @Strict.Text @Nullable String quality,
            @Strict.Text @Nullable String compression) {
    }

    /** How long and how much the session may keep; sizes in gigabytes (10^9 bytes). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Storage(@Strict.Int @Nullable Integer retentionDays, @Strict.Int @Nullable Integer maxSizeGb) {
    }

    /** Descriptive metadata. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Metadata(
            @Strict.TextList @Nullable List<String> tags,
            @Strict.Text @Nullable String description,
            @Strict.Text @Nullable String priority) {
    }
}
