package io.lucid.devstack.bench;

import io.lucid.schemas.audit.EventChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Node histories written straight into the event store ({@code domain_event_entry}) with {@code COPY}, as command-api
 * would have appended them: Avro single-object payloads, Axon's metadata JSON with actor and correlation, and each
 * aggregate's hash chain computed by {@link EventChain} (the production canonical form). The relay publishes them to
 * {@code lucid.node.events} like any append, so one load feeds the store, the topics and the projections. Each node
 * gets a registration and then {@code flips} status changes (activated, deactivated, ...), so chains have several
 * links. Run it on a stack you can throw away: command-api never validated these nodes (no {@code node_claim} rows).
 */
final class SyntheticEventStore {

    private static final String COPY = "COPY domain_event_entry (event_identifier, aggregate_identifier,"
            + " sequence_number, type, time_stamp, payload_type, payload, meta_data, prev_hash, hash)"
            + " FROM STDIN (FORMAT csv)";
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<Schema, BinaryMessageEncoder<SpecificRecordBase>> ENCODERS = new HashMap<>();

    private SyntheticEventStore() {
    }

    /**
     * Appends {@code nodes} histories of {@code 1 + flips} events each, {@code perTransaction} events per COPY (one
     * transaction each, so the relay's logical decoding gets commits of bounded size). Returns the events written.
     */
    static long load(Connection connection, String run, int nodes, int flips, int perTransaction)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        long written = 0;
        Instant base = Instant.now().minusSeconds(3600);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(perTransaction * 400);
        Writer out = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
        int inBuffer = 0;
        for (int n = 0; n < nodes; n++) {
            String nodeId = nodeId(run, n);
            byte[] previous = EventChain.genesis();
            for (int sequence = 0; sequence <= flips; sequence++) {
                Instant at = base.plusMillis(written);
                SpecificRecordBase event = (SpecificRecordBase) (sequence == 0
                        ? SyntheticNodeEvents.registration(nodeId, "rb-" + run + "-" + n, at)
                        : SyntheticNodeEvents.statusChange(nodeId, sequence % 2 == 1, at));
                previous = row(out, nodeId, sequence, UUID.randomUUID().toString(), event, at, previous);
                written++;
                if (++inBuffer == perTransaction) {
                    flush(copy, out, buffer);
                    inBuffer = 0;
                }
            }
        }
        if (inBuffer > 0) {
            flush(copy, out, buffer);
        }
        connection.setAutoCommit(autoCommit);
        return written;
    }

    /** The id {@link #load} gives the {@code n}th node of run {@code run}. */
    static String nodeId(String run, int n) {
        return "node_rb" + run + "_" + n;
    }

    /**
     * Appends the registrations of {@code eventIds.size()} new nodes ({@code node_rp<run>_<first + i>}) in one COPY,
     * so one transaction: paced appends whose commit instant the caller takes when this returns.
     */
    static void register(CopyManager copy, String run, int first, java.util.List<String> eventIds)
            throws SQLException, IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(eventIds.size() * 400);
        Writer out = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
        Instant at = Instant.now();
        for (int i = 0; i < eventIds.size(); i++) {
            String nodeId = "node_rp" + run + "_" + (first + i);
            row(out, nodeId, 0, eventIds.get(i), SyntheticNodeEvents.registration(nodeId, "rp-" + run + "-" + (first + i),
                    at), at, EventChain.genesis());
        }
        flush(copy, out, buffer);
    }

    /** Writes one CSV row and returns its hash, the next event's previous hash. */
    private static byte[] row(Writer out, String nodeId, long sequence, String eventId, SpecificRecordBase event,
            Instant at, byte[] previous) throws IOException {
        byte[] payload = singleObject(event);
        String correlation = UUID.randomUUID().toString();
        String type = event.getSchema().getFullName();
        String metaData = "{\"actor\":\"bench-replay\",\"correlation_id\":\"" + correlation
                + "\",\"causation_id\":\"" + correlation + "\"}";
        byte[] hash = EventChain.hash(previous, new EventChain.Fields("Node", nodeId, sequence, eventId, type,
                at.toEpochMilli(), "bench-replay", correlation, correlation, payload));
        out.write(eventId);
        out.write(',');
        out.write(nodeId);
        out.write(',');
        out.write(Long.toString(sequence));
        out.write(",Node,");
        out.write(DateTimeFormatter.ISO_INSTANT.format(at));
        out.write(',');
        out.write(type);
        out.write(",\\x");
        out.write(HEX.formatHex(payload));
        out.write(",\\x");
        out.write(HEX.formatHex(metaData.getBytes(StandardCharsets.UTF_8)));
        out.write(",\\x");
        out.write(HEX.formatHex(previous));
        out.write(",\\x");
        out.write(HEX.formatHex(hash));
        out.write('\n');
        return hash;
    }

    /** Avro single-object encoding (magic, schema fingerprint, binary body): what Axon's AvroSerializer stores. */
    private static byte[] singleObject(SpecificRecordBase event) throws IOException {
        BinaryMessageEncoder<SpecificRecordBase> encoder = ENCODERS.computeIfAbsent(event.getSchema(),
                schema -> new BinaryMessageEncoder<>(SpecificData.get(), schema));
        ByteBuffer encoded = encoder.encode(event);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static void flush(CopyManager copy, Writer out, ByteArrayOutputStream buffer) throws IOException,
            SQLException {
        out.flush();
        copy.copyIn(COPY, new java.io.ByteArrayInputStream(buffer.toByteArray()));
        buffer.reset();
    }
}
