package io.lucid.kit.problem;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/** Questions about why an exception happened, asked of it, its causes and what they suppressed. */
final class Causes {

    private Causes() {
    }

    /**
     * Whether {@code exception} or anything in its cause chain, or suppressed by one of them, matches. Suppressed
     * exceptions count because a failure during clean-up (a rollback on a dead connection) can be thrown in place of
     * the failure that explains the request, with that one attached as suppressed.
     */
    static boolean any(Throwable exception, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (exception != null) {
            pending.add(exception);
        }
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (test.test(next)) {
                return true;
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            Collections.addAll(pending, next.getSuppressed());
        }
        return false;
    }

    /** The innermost cause, for a one-line log. */
    static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
