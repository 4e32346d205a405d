package io.lucid.kit.problem;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The rule for a charset in {@code Content-Type} that this JVM does not have. It is found only when the body is
 * decoded, deep inside the server's body reading, so it arrives wrapped in whatever that code throws: the client's
 * mistake (415), and nothing was read.
 */
final class UnknownCharset {

    private UnknownCharset() {
    }

    static boolean causedBy(Throwable exception) {
        return Causes.any(exception, cause -> cause instanceof IllegalCharsetNameException
                || cause instanceof UnsupportedCharsetException);
    }
}
