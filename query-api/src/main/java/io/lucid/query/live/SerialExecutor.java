package io.lucid.query.live;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks one at a time, in order, on a shared pool: frames may block (token checks,
 * snapshot reads) but must be handled in the order the client sent them. The backlog is bounded so a client
 * that floods frames cannot exhaust memory.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final int maxBacklog;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool, int maxBacklog) {
        this.pool = pool;
        this.maxBacklog = maxBacklog;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (tasks.size() >= maxBacklog) {
            throw new RejectedExecutionException("more than " + maxBacklog + " frames waiting");
        }
        tasks.add(task);
        if (!running) {
            running = true;
            pool.execute(this::runAll);
        }
    }

    private void runAll() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Live connection task failed", e);
            }
        }
    }
}
