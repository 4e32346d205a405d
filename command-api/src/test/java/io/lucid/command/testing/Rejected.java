package io.lucid.command.testing;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import java.util.Arrays;
import java.util.List;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for the rejections that aggregate fixture tests expect: status, code, detail, fields. */
public final class Rejected {

    private Rejected() {
    }

    /** A rejection with this status and code. */
    public static Matcher<CommandRejectedException> with(int status, String code) {
        return with(status, code, null);
    }

    /** A rejection with this status and code whose detail contains {@code detailPart} (when not null). */
    public static Matcher<CommandRejectedException> with(int status, String code, String detailPart) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException e) {
                return e.status() == status && e.code().equals(code)
                        && (detailPart == null || e.getMessage().contains(detailPart));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(status + " " + code + (detailPart == null ? "" : " mentioning '" + detailPart + "'"));
            }

            @Override
            protected void describeMismatchSafely(CommandRejectedException e, Description description) {
                description.appendText("was " + e.status() + " " + e.code() + ": " + e.getMessage() + " " + e.errors());
            }
        };
    }

    /** A 422 {@code validation_failed} that names at least these fields. */
    public static Matcher<CommandRejectedException> invalid(String... fields) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException e) {
                List<String> named = e.errors().stream().map(FieldError::field).toList();
                return e.status() == 422 && e.code().equals("validation_failed") && named.containsAll(Arrays.asList(fields));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("422 validation_failed naming " + Arrays.toString(fields));
            }

            @Override
            protected void describeMismatchSafely(CommandRejectedException e, Description description) {
                description.appendText("was " + e.status() + " " + e.code() + " " + e.errors());
            }
        };
    }

    /** A 422 {@code validation_failed} naming {@code field} with error code {@code code}. */
    public static Matcher<CommandRejectedException> invalidField(String field, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException e) {
                return e.status() == 422 && e.errors().stream().anyMatch(x -> x.field().equals(field) && x.code().equals(code));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("422 naming " + field + " with " + code);
            }

            @Override
            protected void describeMismatchSafely(CommandRejectedException e, Description description) {
                description.appendText("was " + e.status() + " " + e.code() + " " + e.errors());
            }
        };
    }
}
