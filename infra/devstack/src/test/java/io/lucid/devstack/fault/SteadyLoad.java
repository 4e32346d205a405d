package io.lucid.devstack.fault;

import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady closed-loop load of creating commands while a fault is injected: each worker registers a node or starts
 * a pairing, in turn, and records every answer (status, Retry-After, time taken, and the aggregate id when the
 * command was acknowledged). Each request has an {@code Idempotency-Key} and a new token, as a client would.
 */
final class SteadyLoad implements AutoCloseable {

    /** One answer: which aggregate the command was for, the status, Retry-After (or null), the time and when it came. */
    record Outcome(String kind, String aggregateId, int status, String retryAfter, long millis, long at, String body) {

        boolean acknowledged() {
            return status == 201 || status == 202;
        }
    }

    private final TestStack stack;
    private final RawHttp http;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private final NodeKeys keys = new NodeKeys();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

    SteadyLoad(TestStack stack, int threads, long pauseMillis) {
        this.stack = stack;
        this.http = new RawHttp(stack.commandApi(), 120_000);
        for (int i = 0; i < threads; i++) {
            int worker = i;
            Thread thread = new Thread(() -> run(worker, pauseMillis), "steady-load-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    private void run(int worker, long pauseMillis) {
        int n = 0;
        while (running.get()) {
            try {
                int status;
                if ((n++ + worker) % 2 == 0) {
                    String nodeId = "node_fault_" + Nodes.unique();
                    status = send("node", nodeId, "/api/v1/nodes", Nodes.registration(nodeId, keys.publicKey()));
                } else {
                    status = send("pairing", null, "/api/v1/pairings", "{}");
                }
                // A client whose connection is refused waits before it tries again, as a real one would.
                Thread.sleep(status == 0 ? Math.max(pauseMillis, 200) : pauseMillis);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                failures.add(e);
            }
        }
    }

    /** Sends one command and records its outcome; returns the status, 0 for no answer. */
    private int send(String kind, String aggregateId, String path, String body) throws IOException {
        String token = stack.tokenFor("ADMIN");
        long t0 = System.nanoTime();
        long at = System.currentTimeMillis();
        RawHttp.Response answer;
        try {
            answer = http.send("POST", path.getBytes(StandardCharsets.US_ASCII), List.of("Authorization: Bearer " + token,
                    "Content-Type: application/json", "Idempotency-Key: " + UUID.randomUUID()),
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // no answer at all (connection refused while a service is down): recorded as status 0
            outcomes.add(new Outcome(kind, aggregateId, 0, null, (System.nanoTime() - t0) / 1_000_000, at, e.toString()));
            return 0;
        }
        String id = aggregateId;
        if (kind.equals("pairing") && answer.status() == 201) {
            int start = answer.body().indexOf("\"pairing_id\":\"") + 14;
            id = answer.body().substring(start, answer.body().indexOf('"', start));
        }
        outcomes.add(new Outcome(kind, id, answer.status(), answer.headers().get("retry-after"),
                (System.nanoTime() - t0) / 1_000_000, at, answer.body()));
        return answer.status();
    }

    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(180_000);
        }
    }
}
