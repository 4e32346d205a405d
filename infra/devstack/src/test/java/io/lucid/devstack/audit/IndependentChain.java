package io.lucid.devstack.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * The audit hash of one event-store row, written from the description in docs/audit.md alone and on purpose
 * sharing no code with {@code io.lucid.schemas.audit.EventChain}: if the two disagree, the production code or the
 * documentation is wrong.
 */
final class IndependentChain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndependentChain() {
    }

    /** A row as the columns hold it. */
    record Row(String type, String aggregateId, long sequence, String eventId, String payloadType, String timeStamp,
            byte[] metaData, byte[] payload, byte[] prevHash, byte[] hash) {
    }

    static byte[] hash(byte[] prevHash, Row row) throws Exception {
        JsonNode meta = row.metaData() == null ? JSON.createObjectNode() : JSON.readTree(row.metaData());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        string(out, "lucid-event-chain-v1");
        string(out, row.type());
        string(out, row.aggregateId());
        string(out, String.valueOf(row.sequence()));
        string(out, row.eventId());
        string(out, row.payloadType());
        string(out, String.valueOf(Instant.parse(row.timeStamp()).toEpochMilli()));
        string(out, meta.hasNonNull("actor") ? meta.get("actor").asText() : null);
        string(out, meta.hasNonNull("correlation_id") ? meta.get("correlation_id").asText() : null);
        string(out, meta.hasNonNull("causation_id") ? meta.get("causation_id").asText() : null);
        raw(out, row.payload());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prevHash);
        return sha.digest(bytes.toByteArray());
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        raw(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void raw(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }
}
