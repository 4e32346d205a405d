package io.lucid.devstack;

/**
 * An expected failure of the local stack (a port in use, missing binaries, a part that did not become ready).
 * The message is one line meant for the console; the launcher prints it without a stack trace.
 */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
