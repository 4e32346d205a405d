package io.lucid.devstack.live;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** What every live protocol IT starts from: the shared stack, a client of it, and ids of its own. */
abstract class LiveTest {

    static TestStack stack;
    static LiveClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new LiveClient(stack);
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
