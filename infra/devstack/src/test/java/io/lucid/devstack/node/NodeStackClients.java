package io.lucid.devstack.node;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.DomainTopic;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the ITs that drive registered nodes through REST share: the shared test stack and its clients (REST,
 * tokens, the event store, the domain topics, node registration). Subclasses use the fields as their own.
 */
public abstract class NodeStackClients {

    protected static TestStack stack;
    protected static ApiClient api;
    protected static Tokens tokens;
    protected static Database db;
    protected static DomainTopic topic;
    protected static Nodes nodes;

    @BeforeAll
    static void connectToStack() {
        stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
        topic = new DomainTopic(stack);
        nodes = new Nodes(stack, api);
    }
}
