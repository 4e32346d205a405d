package io.lucid.devstack.test;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Counts the tests of this JVM that did not pass, so that the shared stack's shutdown hook keeps its logs when one
 * failed: a failure that only shows on a CI machine is otherwise gone with its directory. Registered through
 * {@code META-INF/services}.
 */
public final class FailedTests implements TestExecutionListener {

    private static final AtomicInteger FAILED = new AtomicInteger();

    /** True once a test of this JVM failed or errored. */
    public static boolean any() {
        return FAILED.get() > 0;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            FAILED.incrementAndGet();
        }
    }
}
