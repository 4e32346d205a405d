package io.lucid.devstack.test;

import java.util.Locale;

/**
 * Picks the {@link TestStack} implementation named by the system property {@value #PROPERTY}, else the environment
 * variable {@value #VARIABLE}: {@code embedded} (the default, {@link EmbeddedTestStack}) or {@code containers}
 * ({@link ContainerTestStack}, for machines with a Docker engine; without one, each test that asks is skipped with
 * the reason).
 */
public final class TestStacks {

    public static final String PROPERTY = "lucid.test.stack";
    public static final String VARIABLE = "LUCID_TEST_STACK";
    public static final String EMBEDDED = "embedded";
    public static final String CONTAINERS = "containers";

    private TestStacks() {}

    public static TestStack get() {
        return kind(System.getProperty(PROPERTY), System.getenv(VARIABLE)).equals(CONTAINERS)
                ? ContainerTestStack.get() : EmbeddedTestStack.get();
    }

    /**
     * The implementation named by the property, else the variable, else {@value #EMBEDDED}; an unknown name is an
     * error rather than a silent fall-back to the embedded stack.
     */
    static String kind(String property, String variable) {
        String kind = property != null && !property.isBlank() ? property : variable;
        if (kind == null || kind.isBlank()) {
            return EMBEDDED;
        }
        kind = kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(EMBEDDED) && !kind.equals(CONTAINERS)) {
            throw new IllegalArgumentException(PROPERTY + "=" + kind + " is not a known test stack (known: "
                    + EMBEDDED + ", " + CONTAINERS + ")");
        }
        return kind;
    }
}
