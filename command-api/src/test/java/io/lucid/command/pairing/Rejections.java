package io.lucid.command.pairing;

import io.lucid.command.problem.CommandRejectedException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for the fixture's {@code expectException}: a rule's refusal by status, code or field. */
final class Rejections {

    private Rejections() {
    }

    static Matcher<Throwable> rejection(int status, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e instanceof CommandRejectedException r && r.status() == status && r.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection " + status + " " + code);
            }
        };
    }

    static Matcher<Throwable> fieldRejection(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e instanceof CommandRejectedException r && r.status() == 422
                        && r.errors().stream().anyMatch(error -> error.field().equals(field));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a 422 naming " + field);
            }
        };
    }
}
