package io.lucid.kit.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer loop of the backbone: poll, hand the records to a {@link Step}, repeat, on a thread of its own.
 * A failure the step declares transient (a database or broker outage) closes the consumer, waits with a growing
 * back-off and starts a new one, which resumes from the step's own positions (committed offsets, or offsets stored
 * with the step's effects): the failed batch is read again, nothing is skipped. Any other failure stops the loop and
 * is kept as its {@link #failure()}. {@link #close()} stops it promptly (the consumer is woken up) and waits.
 *
 * @param <K> record key type
 * @param <V> record value type
 */
public final class ConsumerLoop<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    /** What the loop does with its consumer. */
    public interface Step<K, V> {

        /** Subscribes or assigns the new consumer (after a start or a transient failure). */
        void start(Consumer<K, V> consumer) throws Exception;

        /** Handles one non-empty poll batch; throws to have it read again (transient) or to stop (otherwise). */
        void handle(Consumer<K, V> consumer, ConsumerRecords<K, V> records) throws Exception;

        /** Runs after every poll, with or without records (outboxes, housekeeping). */
        default void afterPoll(Consumer<K, V> consumer) throws Exception {
        }
    }

    /** How the loop polls and backs off. */
    public record Settings(Duration pollTimeout, Duration firstBackoff, Duration maxBackoff) {

        /** 100 ms polls (poll returns as soon as records arrive); back-off from 100 ms doubling to 5 s. */
        public static final Settings DEFAULT =
                new Settings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    private final String name;
    private final Supplier<Consumer<K, V>> consumers;
    private final Step<K, V> step;
    private final Predicate<Throwable> transientFailure;
    private final Settings settings;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Consumer<K, V> current;
    private volatile Throwable failure;

    private ConsumerLoop(String name, Supplier<Consumer<K, V>> consumers, Step<K, V> step,
            Predicate<Throwable> transientFailure, Settings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.step = Objects.requireNonNull(step, "step");
        this.transientFailure = Objects.requireNonNull(transientFailure, "transientFailure");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts a loop on its own thread named {@code name}. */
    public static <K, V> ConsumerLoop<K, V> start(String name, Supplier<Consumer<K, V>> consumers, Step<K, V> step,
            Predicate<Throwable> transientFailure, Settings settings) {
        ConsumerLoop<K, V> loop = new ConsumerLoop<>(name, consumers, step, transientFailure, settings);
        loop.thread.start();
        return loop;
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** The current consumer's metrics ({@code records-lag} among them); empty between consumers. */
    public Map<MetricName, ? extends Metric> metrics() {
        Consumer<K, V> consumer = current;
        return consumer == null ? Map.of() : consumer.metrics();
    }

    /** Why the loop stopped, when it stopped on a failure that was not transient. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try (Consumer<K, V> consumer = consumers.get()) {
                current = consumer;
                step.start(consumer);
                while (running) {
                    ConsumerRecords<K, V> records = consumer.poll(settings.pollTimeout());
                    if (!records.isEmpty()) {
                        step.handle(consumer, records);
                    }
                    step.afterPoll(consumer);
                    backoffMs = 0;
                }
            } catch (WakeupException e) {
                if (running) {
                    stopOn(e);
                }
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                if (!transientFailure.test(e)) {
                    stopOn(e);
                    return;
                }
                backoffMs = Math.min(settings.maxBackoff().toMillis(),
                        Math.max(settings.firstBackoff().toMillis(), backoffMs * 2));
                LOG.info("{}: {}; starting again in {} ms", name, e.toString(), backoffMs);
                sleep(backoffMs);
            } finally {
                current = null;
            }
        }
    }

    private void stopOn(Throwable e) {
        LOG.error("{} stopped: {}", name, e.toString(), e);
        failure = e;
        running = false;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the loop: the current batch finishes or fails, the consumer closes (leaving its group). */
    @Override
    public void close() {
        running = false;
        Consumer<K, V> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
