package io.lucid.command.axon;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.TaskProofSubmitted;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The command ceiling of {@code ./lucid bench ceilings} (a program, not a test; run on this module's classpath by the
 * benchmark): the event store's append exactly as command-api configures it (Axon's {@link JdbcEventStorageEngine},
 * the Avro event serializer, the JSON metadata, the hash-chained insert) with {@code TaskProofSubmitted} events of
 * new aggregates, {@code batch} per transaction, in-process: no HTTP, no JSON request, no signature check, no
 * read-ahead. Appends into {@code <schema>.domain_event_entry} (a copy the benchmark made; the search path resolves
 * the engine's table there), so nothing reaches the relay.
 * Arguments: {@code jdbc-url schema events batch}. Prints {@code appended N events in S s, process CPU C us}.
 */
public final class AppendCeiling {

    private AppendCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String schema = args[1];
        int events = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        Serializer metadataSerializer = JacksonSerializer.defaultSerializer();
        Serializer eventSerializer = AxonFactory.eventSerializer(metadataSerializer);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET search_path TO " + schema + ", public");
            }
            connection.setAutoCommit(false);
            // The engine closes the connection after each append: this one stays open for the whole run.
            Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, arguments) ->
                            method.getName().equals("close") ? null : method.invoke(connection, arguments));
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(() -> kept)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(eventSerializer)
                    .schema(AxonFactory.SNAKE_CASE_TABLES)
                    .appendEvents(new ChainedAppendStatement())
                    .build();
            for (String phase : List.of("warm-up", "measured")) {
                int n = phase.equals("warm-up") ? Math.max(batch, events / 10) : events;
                long start = System.nanoTime();
                long cpu = cpuNanos();
                for (int done = 0; done < n; done += batch) {
                    engine.appendEvents(messages(Math.min(batch, n - done)));
                    connection.commit();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s: appended %d events in %.3f s, process CPU %d us%n", phase, n, seconds,
                        (cpuNanos() - cpu) / 1000);
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<DomainEventMessage<?>> messages(int count) {
        List<DomainEventMessage<?>> messages = new ArrayList<>(count);
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            String proofId = "proof_" + UUID.randomUUID();
            TaskProofSubmitted event = TaskProofSubmitted.newBuilder().setProofId(proofId)
                    .setNodeId("node_ceiling_" + (i % 1000)).setSlot(now / 10_000).setEpoch(now / 300_000)
                    .setProofType(ProofType.relay_bandwidth).setRelayBandwidth(new RelayBandwidth(10_485_760L, 2L))
                    .setSignature("c2lnbmF0dXJlIG9mIHNpeHR5LWZvdXIgYnl0ZXMgaW4gYmFzZTY0IGZvciB0aGUgY2VpbGluZyBiZW5jaG1hcmsu")
                    .setSubmittedAt(Instant.ofEpochMilli(now)).build();
            MetaData metaData = MetaData.from(Map.of(CommandProvenance.ACTOR, "bench-ceiling",
                    CommandProvenance.CORRELATION_ID, UUID.randomUUID().toString(),
                    CommandProvenance.CAUSATION_ID, UUID.randomUUID().toString(),
                    CommandProvenance.REQUEST_ID, UUID.randomUUID().toString()));
            messages.add(new GenericDomainEventMessage<>("TaskProof", proofId, 0, event, metaData));
        }
        return messages;
    }
}
