package io.lucid.streams.pool;

import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeTally;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.deadletter.ContractViolation;
import io.lucid.streams.poot.LiveScore;
import io.lucid.streams.state.StateReader;
import io.lucid.streams.state.StateSerde;
import io.lucid.streams.state.StateWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An epoch tally as far as pools care, with what its outputs need of its record (event time, event and correlation
 * ids), so that it can be held until the tally of the previous epoch has been applied and then applied exactly as if
 * it had arrived in order.
 *
 * @param previousEpoch the tally to apply before this one; empty for the network's first (or a tally written before
 *                      the field existed)
 */
record HeldTally(long epoch, Optional<Long> previousEpoch, long time, Optional<String> eventId,
        Optional<String> correlationId, long windowSeconds, List<Node> nodes) {

    record Node(String nodeId, boolean eligible, long weight) {
    }

    static final StateSerde<HeldTally> SERDE = new StateSerde<>(1, HeldTally::write, HeldTally::read);

    /**
     * @throws ContractViolation when the tally breaks the contract: checked on arrival, so that a held tally can
     *                           always be applied
     */
    static HeldTally of(EpochTallied tally, long time, Headers headers) {
        Long previous = tally.getPreviousEpoch();
        if (previous != null && previous != tally.getEpoch() - 1) {
            throw new ContractViolation("invalid-tally", "the tally of epoch " + tally.getEpoch()
                    + " follows epoch " + previous + ": epochs close one after the other");
        }
        if (tally.getWindowSeconds() <= 0) {
            throw new ContractViolation("invalid-score", "the tally of epoch " + tally.getEpoch() + " has a window of "
                    + tally.getWindowSeconds() + " s");
        }
        List<Node> nodes = new ArrayList<>(tally.getNodes().size());
        for (NodeTally node : tally.getNodes()) {
            if (node.getWeight() < 0) {
                throw new ContractViolation("invalid-score", "weight " + node.getWeight() + " of " + node.getNodeId()
                        + " in the tally of epoch " + tally.getEpoch());
            }
            nodes.add(new Node(node.getNodeId(), node.getEligible(), node.getWeight()));
        }
        return new HeldTally(tally.getEpoch(), Optional.ofNullable(previous), time,
                Optional.ofNullable(DerivedHeaders.last(headers, CloudEventHeaders.ID)),
                Optional.ofNullable(DerivedHeaders.last(headers, CloudEventHeaders.CORRELATION_ID)),
                tally.getWindowSeconds(), List.copyOf(nodes));
    }

    Map<String, PoolAssigner.TallyScore> scores() {
        Map<String, PoolAssigner.TallyScore> scores = new LinkedHashMap<>();
        for (Node node : nodes) {
            scores.put(node.nodeId(), new PoolAssigner.TallyScore(node.eligible(),
                    new LiveScore(BigInteger.valueOf(node.weight()), windowSeconds)));
        }
        return scores;
    }

    /** The headers of the tally's record that its outputs refer to (causation and correlation). */
    Headers cause() {
        Headers headers = new RecordHeaders();
        eventId.ifPresent(id -> headers.add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8)));
        correlationId.ifPresent(id -> headers.add(CloudEventHeaders.CORRELATION_ID, id.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static void write(StateWriter w, HeldTally t) {
        w.writeLong(t.epoch()).writeBoolean(t.previousEpoch().isPresent()).writeLong(t.previousEpoch().orElse(0L))
                .writeLong(t.time());
        writeOptional(w, t.eventId());
        writeOptional(w, t.correlationId());
        w.writeLong(t.windowSeconds()).writeInt(t.nodes().size());
        for (Node node : t.nodes()) {
            w.writeString(node.nodeId()).writeBoolean(node.eligible()).writeLong(node.weight());
        }
    }

    private static HeldTally read(StateReader r) {
        long epoch = r.readLong();
        boolean hasPrevious = r.readBoolean();
        long previous = r.readLong();
        long time = r.readLong();
        Optional<String> eventId = readOptional(r);
        Optional<String> correlationId = readOptional(r);
        long windowSeconds = r.readLong();
        int size = r.readInt();
        List<Node> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            nodes.add(new Node(r.readString(), r.readBoolean(), r.readLong()));
        }
        return new HeldTally(epoch, hasPrevious ? Optional.of(previous) : Optional.empty(), time, eventId,
                correlationId, windowSeconds, List.copyOf(nodes));
    }

    private static void writeOptional(StateWriter w, Optional<String> value) {
        w.writeBoolean(value.isPresent());
        value.ifPresent(w::writeString);
    }

    private static Optional<String> readOptional(StateReader r) {
        return r.readBoolean() ? Optional.of(r.readString()) : Optional.empty();
    }
}
