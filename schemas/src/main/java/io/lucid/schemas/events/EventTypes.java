package io.lucid.schemas.events;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Avro record type the backbone writes. Serializers that must find a writer schema by fingerprint
 * (Axon's event store, the relay) register these; a test checks that every schema file is listed.
 */
public final class EventTypes {

    private static final List<Class<? extends SpecificRecord>> ALL = List.of(NodeRegistered.class, ViewChanged.class);

    private EventTypes() {
    }

    public static List<Class<? extends SpecificRecord>> all() {
        return ALL;
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
