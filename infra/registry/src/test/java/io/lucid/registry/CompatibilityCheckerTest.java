package io.lucid.registry;

import static io.lucid.registry.Compatibility.BACKWARD;
import static io.lucid.registry.Compatibility.BACKWARD_TRANSITIVE;
import static io.lucid.registry.Compatibility.FORWARD;
import static io.lucid.registry.Compatibility.FORWARD_TRANSITIVE;
import static io.lucid.registry.Compatibility.FULL;
import static io.lucid.registry.Compatibility.FULL_TRANSITIVE;
import static io.lucid.registry.Compatibility.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final String A = "{\"name\":\"a\",\"type\":\"int\"}";
    private static final String B_WITH_DEFAULT = "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}";
    private static final String B = "{\"name\":\"b\",\"type\":\"string\"}";

    @Test
    void addedFieldWithDefaultIsCompatibleAtEveryLevel() {
        for (Compatibility level : Compatibility.values()) {
            assertThat(check(level, record(A, B_WITH_DEFAULT), record(A))).as(level.name()).isEmpty();
        }
    }

    @Test
    void addedFieldWithoutDefaultBreaksBackwardButNotForward() {
        Schema candidate = record(A, B);
        Schema old = record(A);

        assertThat(check(BACKWARD, candidate, old)).singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("b");
        assertThat(check(BACKWARD_TRANSITIVE, candidate, old)).hasSize(1);
        assertThat(check(FULL, candidate, old)).hasSize(1);
        assertThat(check(FULL_TRANSITIVE, candidate, old)).hasSize(1);
        assertThat(check(FORWARD, candidate, old)).isEmpty();
        assertThat(check(FORWARD_TRANSITIVE, candidate, old)).isEmpty();
        assertThat(check(NONE, candidate, old)).isEmpty();
    }

    @Test
    void removedFieldWithoutDefaultBreaksForwardButNotBackward() {
        Schema candidate = record(A);
        Schema old = record(A, B);

        assertThat(check(BACKWARD, candidate, old)).isEmpty();
        assertThat(check(BACKWARD_TRANSITIVE, candidate, old)).isEmpty();
        assertThat(check(FORWARD, candidate, old)).singleElement().asString()
                .contains("FORWARD").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("b");
        assertThat(check(FORWARD_TRANSITIVE, candidate, old)).hasSize(1);
        assertThat(check(FULL, candidate, old)).hasSize(1);
        assertThat(check(FULL_TRANSITIVE, candidate, old)).hasSize(1);
        assertThat(check(NONE, candidate, old)).isEmpty();
    }

    @Test
    void removedFieldThatHadADefaultIsCompatibleAtEveryLevel() {
        for (Compatibility level : Compatibility.values()) {
            assertThat(check(level, record(A), record(A, B_WITH_DEFAULT))).as(level.name()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compatibility.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void changingAFieldTypeToAnUnrelatedTypeIsIncompatible(Compatibility level) {
        Schema candidate = record("{\"name\":\"a\",\"type\":\"string\"}");

        assertThat(check(level, candidate, record(A))).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("TYPE_MISMATCH").contains("/fields/0/type"));
    }

    @Test
    void changingATypeToAPromotableOneIsBackwardOnly() {
        Schema candidate = record("{\"name\":\"a\",\"type\":\"long\"}");

        assertThat(check(BACKWARD, candidate, record(A))).isEmpty();
        assertThat(check(FORWARD, candidate, record(A))).singleElement().asString().contains("TYPE_MISMATCH");
        assertThat(check(FULL, candidate, record(A))).hasSize(1);
    }

    @Test
    void addedEnumSymbolIsBackwardButNotForwardCompatible() {
        Schema candidate = enumRecord("[\"A\",\"B\",\"C\"]", null);
        Schema old = enumRecord("[\"A\",\"B\"]", null);

        assertThat(check(BACKWARD, candidate, old)).isEmpty();
        assertThat(check(BACKWARD_TRANSITIVE, candidate, old)).isEmpty();
        assertThat(check(FORWARD, candidate, old)).singleElement().asString()
                .contains("MISSING_ENUM_SYMBOLS").contains("C");
        assertThat(check(FULL, candidate, old)).hasSize(1);
    }

    @Test
    void addedEnumSymbolIsFullyCompatibleWhenTheOldEnumHasADefault() {
        Schema candidate = enumRecord("[\"A\",\"B\",\"C\"]", "A");
        Schema old = enumRecord("[\"A\",\"B\"]", "A");

        assertThat(check(FULL_TRANSITIVE, candidate, old)).isEmpty();
    }

    @Test
    void backwardChecksTheLatestVersionOnlyAndBackwardTransitiveChecksAll() {
        Schema v1 = record(A);
        Schema v2 = record(A, B_WITH_DEFAULT);
        Schema candidate = record(A, B);

        assertThat(check(BACKWARD, candidate, v1, v2)).isEmpty();
        assertThat(check(BACKWARD_TRANSITIVE, candidate, v1, v2)).singleElement().asString()
                .contains("version 1");
    }

    @Test
    void forwardChecksTheLatestVersionOnlyAndForwardTransitiveChecksAll() {
        Schema v1 = record(A, B);
        Schema v2 = record(A, B_WITH_DEFAULT);
        Schema candidate = record(A);

        assertThat(check(FORWARD, candidate, v1, v2)).isEmpty();
        assertThat(check(FORWARD_TRANSITIVE, candidate, v1, v2)).singleElement().asString()
                .contains("version 1");
        assertThat(check(FULL, candidate, v1, v2)).isEmpty();
        assertThat(check(FULL_TRANSITIVE, candidate, v1, v2)).hasSize(1);
    }

    @Test
    void aFirstVersionIsAlwaysCompatible() {
        assertThat(CompatibilityChecker.incompatibilities(FULL_TRANSITIVE, record(A), List.of())).isEmpty();
    }

    private static List<String> check(Compatibility level, Schema candidate, Schema... previous) {
        List<CompatibilityChecker.Previous> versions = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            versions.add(new CompatibilityChecker.Previous(i + 1, previous[i]));
        }
        return CompatibilityChecker.incompatibilities(level, candidate, versions);
    }

    static Schema record(String... fields) {
        return new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"test\",\"fields\":["
                        + String.join(",", fields) + "]}");
    }

    private static Schema enumRecord(String symbols, String defaultSymbol) {
        String enumType = "{\"type\":\"enum\",\"name\":\"Kind\",\"symbols\":" + symbols
                + (defaultSymbol == null ? "" : ",\"default\":\"" + defaultSymbol + "\"") + "}";
        return record("{\"name\":\"kind\",\"type\":" + enumType + "}");
    }
}
