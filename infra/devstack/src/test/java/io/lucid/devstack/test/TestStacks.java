package io.lucid.devstack.test;

/** Picks the {@link TestStack} implementation named by {@code lucid.test.stack} (default {@code embedded}). */
public final class TestStacks {

    public static final String PROPERTY = "lucid.test.stack";
    public static final String VARIABLE = "LUCID_TEST_STACK";

    private TestStacks() {}

    public static TestStack get() {
        String kind = System.getProperty(PROPERTY);
        if (kind == null || kind.isBlank()) {
            kind = System.getenv(VARIABLE);
        }
        if (kind == null || kind.isBlank() || kind.equals("embedded")) {
            return EmbeddedTestStack.get();
        }
        throw new IllegalArgumentException(PROPERTY + "=" + kind + " is not a known test stack (known: embedded)");
    }
}
