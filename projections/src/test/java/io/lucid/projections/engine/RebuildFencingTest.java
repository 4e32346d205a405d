package io.lucid.projections.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.projections.Handlers;
import io.lucid.projections.node.NodeReadModel;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The fencing of a rebuild's batches by its lock's generation (docs/replay.md, "Fencing"), where it can be seen
 * without a database: what a refusal is taken for, and where in a batch's transaction the check runs. That the check
 * and an increment exclude each other in PostgreSQL is shown on the real database by {@code ReplayFencingIT}.
 */
class RebuildFencingTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final MockProducer<byte[], byte[]> letters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void onlyTheCurrentGenerationPasses() {
        FencingToken token = new FencingToken("read", 7, "a");
        assertThatCode(() -> token.verify(7, "a")).doesNotThrowAnyException();
        assertThatThrownBy(() -> token.verify(8, "b")).isInstanceOf(FencingToken.TakenOver.class)
                .hasMessageContaining("generation 8").hasMessageContaining("held by b");
        // A holder that took the lock again later holds a newer generation: its older self is refused as well.
        assertThatThrownBy(() -> token.verify(9, "a")).isInstanceOf(FencingToken.TakenOver.class);
    }

    @Test
    void aRefusalIsNeitherADataErrorNorTransient() {
        FencingToken.TakenOver refusal = new FencingToken.TakenOver(new FencingToken("read", 1, "a"), 2, "b");
        // A data error would have the batch applied again record by record and each record dead-lettered as
        // "database-refused"; a transient one would have the runner retry a write it can never make.
        assertThat(BatchApplier.isDataError(refusal)).isFalse();
        assertThat(ProjectionLoop.isTransient(refusal)).isFalse();
    }

    @Test
    void aRefusedBatchRollsBackAndSendsNoDeadLetter() {
        int[] checks = {0};
        BatchApplier applier = applier(tx -> {
            checks[0]++;
            throw new FencingToken.TakenOver(new FencingToken("read", 1, "a"), 2, "b");
        });

        assertThatThrownBy(() -> applier.apply(List.of(unreadable(0), unreadable(1))))
                .isInstanceOf(FencingToken.TakenOver.class);
        assertThat(calls).contains("rollback").doesNotContain("commit");
        assertThat(letters.history()).as("the two unreadable records' letters").isEmpty();
        assertThat(checks[0]).as("refused once, not retried record by record").isEqualTo(1);
    }

    @Test
    void theCheckRunsAfterTheBatchsWritesAndBeforeItsDeadLettersAndCommit() throws Exception {
        BatchApplier applier = applier(tx -> calls.add("check with " + letters.history().size() + " letters sent"));

        BatchApplier.Outcome outcome = applier.apply(List.of(unreadable(0), unreadable(1)));

        assertThat(outcome.deadLetters()).isEqualTo(2);
        assertThat(letters.history()).hasSize(2);
        assertThat(calls).containsSubsequence("executeBatch", "check with 0 letters sent", "commit");
        assertThat(calls).doesNotContain("rollback");
    }

    /** Records without CloudEvents headers: each is a dead letter, and only the offsets are written. */
    private static ConsumerRecord<String, byte[]> unreadable(long offset) {
        return new ConsumerRecord<>("lucid.node.events", 0, offset, "node_1", new byte[] {1});
    }

    private BatchApplier applier(BatchApplier.CommitGuard guard) {
        return new BatchApplier(dataSource(), (topic, data) -> null, Handlers.of(new NodeReadModel()),
                new ProcessedEvents("nodes"), new ConsumerOffsets("nodes"), new RowStore("nodes"),
                new ViewOutbox("nodes"), new DeadLetterSink(letters, (topic, letter) -> new byte[] {2},
                        "lucid-replay.nodes"), guard);
    }

    /** A database that answers every statement with nothing and records what the batch asked of it. */
    private DataSource dataSource() {
        Connection connection = proxy(Connection.class, (name, args) -> {
            switch (name) {
                case "createStatement":
                    return proxy(Statement.class, (n, a) -> {
                        calls.add(n);
                        return n.equals("execute") ? Boolean.FALSE : null;
                    });
                case "prepareStatement":
                    return proxy(PreparedStatement.class, (n, a) -> {
                        calls.add(n);
                        return n.equals("executeBatch") ? new int[0] : n.equals("executeUpdate") ? 0 : null;
                    });
                case "commit", "rollback", "close", "setAutoCommit":
                    calls.add(name);
                    return null;
                default:
                    throw new UnsupportedOperationException(name);
            }
        });
        return proxy(DataSource.class, (name, args) -> {
            if (name.equals("getConnection")) {
                return connection;
            }
            throw new UnsupportedOperationException(name);
        });
    }

    private interface Answer {
        Object call(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.call(method.getName(), args)));
    }
}
