package io.lucid.devstack.api;

import java.util.UUID;

/** Ids of the tests' own: the stack is shared by every test class, so no test may assume it is alone. */
public final class TestIds {

    private TestIds() {
    }

    /** Twelve random hex digits, to suffix an id with. */
    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
