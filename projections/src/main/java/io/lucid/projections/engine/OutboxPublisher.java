package io.lucid.projections.engine;

import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.topic.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a projection's committed outbox rows to {@link Topics#VIEW_CHANGES} and deletes each row once the broker
 * acked it. A row whose send failed stays and goes out on the next call: announcements are at-least-once, and
 * subscribers ignore versions they already have.
 */
final class OutboxPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int PAGE = 500;
    private static final long ACK_TIMEOUT_MS = 30_000;

    private final DataSource dataSource;
    private final ViewOutbox outbox;
    private final Producer<String, ViewChanged> producer;
    private final String projection;

    OutboxPublisher(DataSource dataSource, ViewOutbox outbox, Producer<String, ViewChanged> producer,
            String projection) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.producer = producer;
        this.projection = projection;
    }

    /**
     * Publishes every pending row.
     *
     * @return true when the outbox is empty afterwards
     */
    boolean publishPending() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            while (true) {
                List<ViewOutbox.Entry> page = outbox.pending(connection, PAGE);
                if (page.isEmpty()) {
                    return true;
                }
                List<Long> acked = send(page);
                outbox.delete(connection, acked);
                if (acked.size() < page.size()) {
                    return false;
                }
            }
        }
    }

    /** Sends a page and waits for the acks; returns the ids the broker acknowledged. */
    private List<Long> send(List<ViewOutbox.Entry> page) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(page.size());
        for (ViewOutbox.Entry entry : page) {
            try {
                sends.add(producer.send(record(entry, projection)));
            } catch (RuntimeException e) {
                // Registry or broker unreachable: keep this row and the ones after it, in order, for a later try.
                LOG.info("Cannot publish view change {}:{} v{} yet: {}", entry.view(), entry.entityId(), entry.version(),
                        e.toString());
                break;
            }
        }
        List<Long> acked = new ArrayList<>(page.size());
        for (int i = 0; i < sends.size(); i++) {
            if (awaitAck(sends.get(i), page.get(i))) {
                acked.add(page.get(i).id());
            }
        }
        return acked;
    }

    private static boolean awaitAck(Future<RecordMetadata> send, ViewOutbox.Entry entry) {
        try {
            send.get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("View change {}:{} v{} not published yet; retrying later: {}", entry.view(), entry.entityId(),
                    entry.version(), e.getCause() != null ? e.getCause().toString() : e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The feed record of a change, with its trace context as {@code ce_traceparent}/{@code ce_tracestate}. */
    static ProducerRecord<String, ViewChanged> record(ViewOutbox.Entry entry, String projection) {
        ProducerRecord<String, ViewChanged> record = new ProducerRecord<>(Topics.VIEW_CHANGES.name(), entry.key(),
                toEvent(entry, projection));
        if (entry.trace() != null) {
            entry.trace().writeTo(record.headers());
        }
        return record;
    }

    static ViewChanged toEvent(ViewOutbox.Entry entry, String projection) {
        return ViewChanged.newBuilder()
                .setView(entry.view())
                .setId(entry.entityId())
                .setVersion(entry.version())
                .setChangedAt(entry.changedAt())
                .setBody(entry.body())
                .setParent(entry.parent())
                .setProjection(projection)
                .build();
    }
}
