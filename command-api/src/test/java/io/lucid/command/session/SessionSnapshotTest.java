package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.chunk;
import static io.lucid.command.session.SessionFixtures.created;
import static io.lucid.command.session.SessionFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.axon.AxonFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Long recordings are snapshotted; the snapshot serializer is the event store's (AvroSerializer delegating
 * non-Avro payloads to Jackson, as AxonFactory wires it). A session must come back from a snapshot whole:
 * status, owner and every chunk digest (the Merkle root depends on them).
 */
class SessionSnapshotTest {

    @Test
    void aSessionSurvivesTheSnapshotRoundTrip() {
        Session session = new Session();
        session.on(created());
        session.on(started());
        for (int i = 1; i <= 5; i++) {
            session.on(chunk(i));
        }
        // The event store's serializer, as command-api configures it (snapshots share it).
        Serializer serializer = AxonFactory.eventSerializer(JacksonSerializer.defaultSerializer());

        SerializedObject<byte[]> snapshot = serializer.serialize(session, byte[].class);
        Session restored = serializer.deserialize(snapshot);

        assertThat(restored.status()).isEqualTo(SessionStatus.RECORDING);
        assertThat(restored.chunkCount()).isEqualTo(5);
        assertThat(restored).usingRecursiveComparison().isEqualTo(session);
    }
}
