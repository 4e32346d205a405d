package io.lucid.command.axon;

import io.lucid.schemas.events.EventTypes;
import org.apache.avro.message.SchemaStore;

/**
 * The writer schemas Axon's Avro serializer may meet in the event store, looked up by fingerprint.
 * Every event type of the catalogue is registered; older released versions join here when a schema evolves.
 */
final class EventSchemaStore {

    private EventSchemaStore() {
    }

    static SchemaStore create() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        EventTypes.all().forEach(type -> cache.addSchema(EventTypes.schemaOf(type)));
        return cache;
    }
}
