package io.lucid.devstack.api;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the read-side ITs share: the shared test stack, command-api and query-api clients, and tokens. Subclasses
 * use the fields as their own.
 */
public abstract class QueryStackClients {

    protected static TestStack stack;
    protected static ApiClient api;
    protected static QueryClient query;
    protected static Tokens tokens;

    @BeforeAll
    static void connectToStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        query = new QueryClient(stack);
        tokens = new Tokens(stack);
    }

    /** A short unique suffix for the ids a test creates (the stack is shared by every test of the JVM). */
    protected static String unique() {
        return TestIds.unique();
    }
}
