package io.lucid.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private static final ConsumerLoop.Settings FAST =
            new ConsumerLoop.Settings(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(20));

    /** A consumer with records 0..count-1 on one partition, positioned at {@code from}. */
    private static MockConsumer<String, String> consumerWith(int count, long from) {
        MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.seek(PARTITION, from);
        for (int i = (int) from; i < count; i++) {
            consumer.addRecord(new ConsumerRecord<>("t", 0, i, "k" + i, "v" + i));
        }
        return consumer;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aTransientFailureStartsANewConsumerThatReadsTheBatchAgain() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger consumers = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        ConsumerLoop.Step<String, String> step = new ConsumerLoop.Step<>() {
            @Override
            public void start(Consumer<String, String> consumer) {
            }

            @Override
            public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                }
                records.forEach(record -> handled.add(record.value()));
            }
        };
        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test", () -> {
            consumers.incrementAndGet();
            return consumerWith(3, 0);
        }, step, e -> e instanceof IllegalStateException, FAST)) {
            awaitTrue(() -> handled.size() == 3);
            assertThat(loop.isRunning()).isTrue();
        }
        assertThat(handled).containsExactly("v0", "v1", "v2");
        assertThat(consumers.get()).isEqualTo(2);
    }

    @Test
    void aFailureThatIsNotTransientStopsTheLoopAndIsKept() throws Exception {
        ConsumerLoop.Step<String, String> step = new ConsumerLoop.Step<>() {
            @Override
            public void start(Consumer<String, String> consumer) {
            }

            @Override
            public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
                throw new UnsupportedOperationException("a bug");
            }
        };
        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test", () -> consumerWith(1, 0), step,
                e -> false, FAST)) {
            awaitTrue(() -> !loop.isRunning());
            assertThat(loop.failure()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void closeStopsAnIdleLoopPromptly() {
        ConsumerLoop.Step<String, String> step = new ConsumerLoop.Step<>() {
            @Override
            public void start(Consumer<String, String> consumer) {
            }

            @Override
            public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
            }
        };
        ConsumerLoop<String, String> loop = ConsumerLoop.start("test", () -> consumerWith(0, 0), step, e -> true, FAST);
        long start = System.nanoTime();
        loop.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(loop.isRunning()).isFalse();
        assertThat(loop.failure()).isNull();
    }
}
