package io.lucid.streams.state;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of a state-store value (and its changelog). State is private to the stream processors, not a published
 * contract, so it is a compact hand-written binary form rather than an Avro schema. It starts with a format
 * version: a changed format gets a new version, and a value of an unknown version fails loudly instead of
 * decoding garbage.
 */
public final class StateSerde<T> implements Serde<T> {

    private final int version;
    private final BiConsumer<StateWriter, T> write;
    private final Function<StateReader, T> read;

    public StateSerde(int version, BiConsumer<StateWriter, T> write, Function<StateReader, T> read) {
        this.version = version;
        this.write = write;
        this.read = read;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            StateWriter writer = new StateWriter();
            writer.writeInt(version);
            write.accept(writer, value);
            return writer.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            StateReader reader = new StateReader(data);
            int found = reader.readInt();
            if (found != version) {
                throw new SerializationException("state format " + found + " is not " + version + " (topic " + topic + ")");
            }
            return read.apply(reader);
        };
    }
}
