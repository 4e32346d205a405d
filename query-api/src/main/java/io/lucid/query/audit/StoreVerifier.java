package io.lucid.query.audit;

/**
 * {@code verify} over the event store: every aggregate's rows in sequence order through a {@link ChainTracker}. One
 * aggregate is tracked at a time (the cursor is ordered by aggregate), so memory does not grow with the store.
 */
final class StoreVerifier {

    private final EventStoreTable table;

    StoreVerifier(EventStoreTable table) {
        this.table = table;
    }

    /** Verifies every aggregate, or only {@code aggregateId} when it is not null. */
    VerifyReport verify(String aggregateId) throws Exception {
        VerifyReport report = new VerifyReport("store");
        ChainTracker[] current = {null};
        String[] currentId = {null};
        table.scan(new EventStoreTable.Filter(null, null, null, null, null, aggregateId), EventStoreTable.Order.AGGREGATE,
                event -> {
                    if (!event.aggregateId().equals(currentId[0])) {
                        if (current[0] != null) {
                            report.add(current[0]);
                        }
                        current[0] = new ChainTracker();
                        currentId[0] = event.aggregateId();
                    }
                    current[0].accept(new ChainTracker.Link(event.aggregateId(), event.aggregateType(),
                            event.sequence(), event.eventId(), event.prevHash(), event.hash(), event.chainFields(),
                            "global_index " + event.globalIndex()));
                    return true;
                });
        if (current[0] != null) {
            report.add(current[0]);
        }
        return report;
    }
}
