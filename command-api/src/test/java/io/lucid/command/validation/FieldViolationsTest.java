package io.lucid.command.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared field checks: every violation collected, one 422 naming them all. */
class FieldViolationsTest {

    @Test
    void collectsEveryViolationIntoOne422() {
        FieldViolations violations = new FieldViolations();
        violations.required("a", null);
        violations.required("b", "  ");
        violations.length("c", "xyz", 1, 2);
        violations.range("d", 11, 1, 10);
        violations.oneOf("e", "maybe", List.of("yes", "no"));
        assertThat(violations.list()).extracting(FieldError::code)
                .containsExactly("required", "required", "invalid_length", "out_of_range", "unknown_value");
        assertThatThrownBy(violations::throwIfAny).isInstanceOfSatisfying(CommandRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.errors()).hasSize(5);
        });
    }

    @Test
    void passesPresentValuesWithinTheirRulesAndIgnoresAbsentOptionalOnes() {
        FieldViolations violations = new FieldViolations();
        violations.length("c", null, 1, 2);
        violations.range("d", null, 1, 10);
        violations.oneOf("e", null, List.of("yes"));
        violations.readable("f", "emoji 📹 and\nlines", true);
        violations.throwIfAny();
        assertThat(violations.list()).isEmpty();
    }

    @Test
    void readableTextHasNoControlCharactersAndNoBrokenSurrogates() {
        FieldViolations violations = new FieldViolations();
        assertThat(violations.readable("f", "a\nb", false)).isFalse();
        assertThat(violations.readable("f", "\ud83d", true)).isFalse();
        assertThat(violations.readable("f", "\ude00x", true)).isFalse();
        assertThat(violations.readable("f", "\u007f", true)).isFalse();
        assertThat(violations.readable("f", "\ud83d\ude00", false)).isTrue();
    }

    @Test
    void resolutionsAreWidthTimesHeightWithinBounds() {
        FieldViolations violations = new FieldViolations();
        Resolution.check("r", "320x240", violations);
        Resolution.check("r", "7680x4320", violations);
        assertThat(violations.list()).isEmpty();
        Resolution.check("r", "7680x4321", violations);
        Resolution.check("r", "1920 x 1080", violations);
        assertThat(violations.list()).extracting(FieldError::code).containsExactly("out_of_range", "invalid_format");
    }

    @Test
    void uuidsAreCanonicalisedAndNothingElseIsOne() {
        assertThat(Uuids.canonical("6F1C1C5E-8A0E-4B55-9A43-0D3C2F4B7E21")).isEqualTo("6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21");
        assertThat(Uuids.canonical("1-1-1-1-1")).isNull();
        assertThat(Uuids.canonical("6f1c1c5e8a0e4b559a430d3c2f4b7e21")).isNull();
        assertThat(Uuids.canonical(null)).isNull();
    }
}
