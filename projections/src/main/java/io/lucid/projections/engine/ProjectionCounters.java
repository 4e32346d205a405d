package io.lucid.projections.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What one projection has done since start: records read, events applied, rows changed, dead letters. */
public final class ProjectionCounters {

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    void add(int batchRecords, BatchApplier.Outcome outcome) {
        records.addAndGet(batchRecords);
        applied.addAndGet(outcome.applied());
        changes.addAndGet(outcome.changes());
        deadLetters.addAndGet(outcome.deadLetters());
    }

    public long records() {
        return records.get();
    }

    public long applied() {
        return applied.get();
    }

    public long changes() {
        return changes.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }
}
