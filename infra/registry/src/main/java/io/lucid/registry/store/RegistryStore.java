package io.lucid.registry.store;

/**
 * The registry's durable log: keyed records, the latest value per key being the state of that key (a null
 * value deletes it), so the log may be compacted. The registry never changes its state directly: it appends a
 * record and changes state when the record is delivered back, so that the state is always a replay of the log.
 *
 * <p>Single writer: one registry server per log. Two servers on one log could assign one id twice.
 */
public interface RegistryStore extends AutoCloseable {

    /** Receives every record of the log, in log order, on one thread at a time. */
    @FunctionalInterface
    interface Applier {
        void apply(byte[] key, byte[] value);
    }

    /** Replays the whole log into {@code applier} and returns once it has caught up with the log's end. */
    void start(Applier applier);

    /**
     * Appends a record durably and returns once it has been delivered to the applier.
     *
     * @throws StoreException when the log does not acknowledge the record or it is not read back in time
     */
    void append(byte[] key, byte[] value);

    @Override
    void close();
}
