package io.lucid.devstack;

/**
 * A part of the stack that runs inside the devstack JVM (registry, relay, projections, stream processors).
 *
 * <p>Components are listed in {@link Components}: some start before the forked services, the others in parallel with
 * them; all close in reverse order. {@link #start} may be called again after {@link #close()} (tests restart the relay
 * that way), and {@link #close()} may be called on a component that is not running.
 */
public interface StackComponent extends AutoCloseable {

    /** A short stable name used in logs and by {@link EmbeddedStack#stopComponent(String)}. */
    String name();

    /** Starts the component and returns once it is ready to serve. */
    void start(StackEnvironment env) throws Exception;
}
