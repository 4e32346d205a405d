package io.lucid.devstack.test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running stack as integration tests see it: where Kafka, PostgreSQL, the registry and the two APIs are, and
 * tokens to call the APIs with. Obtain it with {@link TestStacks#get()}; it is started once per test JVM and shared
 * by every test class, so tests use their own ids rather than assume an empty stack.
 *
 * <p>Implementations are chosen by the system property (or environment variable {@code LUCID_TEST_STACK})
 * {@code lucid.test.stack} ({@link TestStacks}). The default, {@code embedded}, is {@link EmbeddedTestStack}: the same
 * processes as {@code ./lucid up}, on free ports in a temporary directory. {@code containers} is
 * {@link ContainerTestStack}: PostgreSQL, Kafka and the registry in containers, for machines with a Docker engine;
 * without one, every test that asks for the stack is skipped with the reason.
 */
public interface TestStack {

    String kafkaBootstrap();

    String jdbcUrl();

    String dbUser();

    String dbPassword();

    URI schemaRegistryUrl();

    URI commandApi();

    URI queryApi();

    /** A bearer token with role ADMIN, valid for the whole test run. */
    String adminToken();

    /** The HS256 secret the services verify tokens with. */
    String jwtSecret();

    /** Stops one part: an in-process component such as the relay, or a service. */
    void stop(String component) throws Exception;

    /** Starts again a part stopped with {@link #stop} and waits until it is ready. */
    void start(String component) throws Exception;

    /**
     * Kills a process of the stack ({@code postgres}, {@code kafka}, {@code command-api}, {@code query-api}) and every
     * process it started with SIGKILL, as a crash or an OOM killer would: nothing gets to flush or say goodbye. Bring
     * it back with {@link #stop} (which tidies up after it) and {@link #start}.
     */
    default void kill(String process) throws Exception {
        throw new UnsupportedOperationException("this stack cannot kill " + process);
    }

    /** {@link #stop} then {@link #start}. */
    default void restart(String component) throws Exception {
        stop(component);
        start(component);
    }

    /**
     * The log of a process of the stack ({@code command-api}, {@code query-api}, ...), for a test to quote when it
     * fails; empty where the stack's processes log elsewhere.
     */
    default Optional<Path> logFile(String process) {
        return Optional.empty();
    }

    /** A bearer token for a made-up subject holding {@code role}, valid for an hour. */
    String tokenFor(String role);
}
