package io.lucid.query.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A sink that records frames; writes complete at once unless {@link #stall()}ed, like a client that stops reading. */
final class RecordingSink implements FrameSink {

    final List<String> sent = new ArrayList<>();
    /** The bytes of each frame sent with bytes encoded once for many connections, in order. */
    final List<byte[]> sharedBytes = new ArrayList<>();
    final List<CompletableFuture<Void>> stalled = new ArrayList<>();
    Integer closeCode;
    int pings;
    String closeReason;
    private boolean stall;

    void stall() {
        stall = true;
    }

    /** The client reads again: every stalled write completes. */
    void resume() {
        stall = false;
        while (!stalled.isEmpty()) {
            stalled.remove(0).complete(null);
        }
    }

    @Override
    public synchronized CompletionStage<?> send(String text) {
        sent.add(text);
        if (stall) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            stalled.add(write);
            return write;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<?> send(String text, byte[] utf8) {
        sharedBytes.add(utf8);
        return send(text);
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }
}
