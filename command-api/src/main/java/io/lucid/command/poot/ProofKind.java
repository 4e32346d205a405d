package io.lucid.command.poot;

import io.lucid.events.poot.ProofType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The four kinds of task proof and their value fields, in the order the signed text lists them (DOMAIN.md
 * section 5). A kind with one value field signs {@code {node_id}:{slot}:{type}:{v1}}, without a trailing colon.
 */
enum ProofKind {
    relay_bandwidth(List.of(Field.of("bytes_transferred", ProofValue::bytesTransferred),
            Field.of("sessions_relayed", ProofValue::sessionsRelayed))),
    storage_availability(List.of(Field.of("chunks_stored", ProofValue::chunksStored),
            Field.of("size_bytes", ProofValue::sizeBytes))),
    validation_signature(List.of(Field.of("validated_sessions", ProofValue::validatedSessions))),
    uptime_beacon(List.of(Field.of("uptime_seconds", ProofValue::uptimeSeconds)));

    /** Every value field of every kind, to find those a proof carries but its kind does not have. */
    static final List<Field> ALL_FIELDS = Arrays.stream(values()).flatMap(k -> k.fields.stream()).toList();

    /** One value field: its JSON name and how to read it. */
    record Field(String name, Function<ProofValue, Long> reader) {
        static Field of(String name, Function<ProofValue, Long> reader) {
            return new Field(name, reader);
        }
    }

    private final List<Field> fields;

    ProofKind(List<Field> fields) {
        this.fields = fields;
    }

    List<Field> fields() {
        return fields;
    }

    ProofType avroType() {
        return ProofType.valueOf(name());
    }

    static Optional<ProofKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
