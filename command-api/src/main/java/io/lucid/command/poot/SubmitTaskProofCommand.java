package io.lucid.command.poot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.StringJoiner;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A node's signed proof of an operational task in one slot (DOMAIN.md section 5); also the REST body of
 * {@code POST /api/v1/poot/proofs} and an item of the batch. Every field may be absent on the wire so that the
 * answer can name each missing one.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record SubmitTaskProofCommand(
        @Nullable String nodeId,
        @Nullable Long slot,
        @Nullable String type,
        @Nullable ProofValue value,
        @Nullable String signature) {

    /** {@code {node_id}:{slot}:{type}}: one proof per node, slot and type, enforced by the event store's key. */
    @TargetAggregateIdentifier
    public String proofId() {
        return nodeId + ":" + slot + ":" + type;
    }

    /**
     * The UTF-8 text the node signs: {@code {node_id}:{slot}:{type}:{v1}:{v2}} with the kind's value fields in
     * order, in decimal; a kind with one field ends after {@code v1}. Only meaningful once the fields are valid.
     */
    String signedText() {
        StringJoiner text = new StringJoiner(":").add(nodeId).add(Long.toString(slot)).add(type);
        ProofKind.named(type).orElseThrow().fields().forEach(f -> text.add(Long.toString(f.reader().apply(value))));
        return text.toString();
    }
}
