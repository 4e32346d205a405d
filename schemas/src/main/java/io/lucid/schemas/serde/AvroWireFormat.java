package io.lucid.schemas.serde;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the writer schema's 4-byte big-endian registry id, then the Avro
 * binary body. Subjects follow the TopicRecordNameStrategy ({@code <topic>-<record full name>}), because a
 * domain topic carries several event types.
 *
 * <p>Everything per schema is resolved once and cached (registry id per topic, datum writer, datum reader per
 * writer id), and encoders, decoders and buffers are reused per thread, so a warm instance costs little more
 * than plain Avro binary encoding. Thread-safe; share one instance per registry.
 */
public final class AvroWireFormat {

    /** The Confluent wire format's only version. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus the 4-byte schema id. */
    public static final int HEADER_SIZE = 5;

    private final SchemaRegistryClient registry;
    private final Map<Schema, Writer> writers = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<WireBuffer> buffers = ThreadLocal.withInitial(WireBuffer::new);
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroWireFormat(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Registers the record's schema under {@link #subject} on first use, then encodes without a registry call. */
    public byte[] serialize(String topic, SpecificRecord record) {
        Writer writer = writers.computeIfAbsent(record.getSchema(), Writer::new);
        int id = writer.id(topic);
        WireBuffer buffer = buffers.get();
        buffer.start(id);
        try {
            buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder);
            writer.datumWriter.write(record, buffer.encoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode a " + record.getSchema().getFullName()
                    + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    /**
     * Decodes with the writer schema fetched by id (cached) and, as reader schema, the generated class of the
     * writer's full name: data written with an older or newer version resolves to the version compiled here.
     *
     * @throws SerializationException on a foreign magic byte, an unknown schema id, or a body that does not decode
     */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> T deserialize(String topic, byte[] data) {
        int id = schemaId(data);
        DatumReader<SpecificRecord> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(topic, id);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            return (T) reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode a record of schema id " + id + " from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prefixes an already encoded Avro body with the header of {@code schema} (registered under
     * {@link #subject} on first use): for the relay, which reads Avro binary from the event store.
     */
    public byte[] wrap(String topic, Schema schema, byte[] avroBinaryBody) {
        int id = writers.computeIfAbsent(schema, Writer::new).id(topic);
        byte[] data = new byte[HEADER_SIZE + avroBinaryBody.length];
        writeHeader(data, id);
        System.arraycopy(avroBinaryBody, 0, data, HEADER_SIZE, avroBinaryBody.length);
        return data;
    }

    /** The writer schema id of a record in the wire format. */
    public static int schemaId(byte[] data) {
        if (data == null || data.length < HEADER_SIZE) {
            throw new SerializationException("Not in the Confluent wire format: "
                    + (data == null ? "null" : data.length + " bytes") + ", the header alone takes " + HEADER_SIZE);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + data[0] + ": not in the Confluent wire format");
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    /** The TopicRecordNameStrategy subject: {@code <topic>-<record full name>}. */
    public static String subject(String topic, Schema schema) {
        return topic + "-" + schema.getFullName();
    }

    static void writeHeader(byte[] target, int id) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (id >>> 24);
        target[2] = (byte) (id >>> 16);
        target[3] = (byte) (id >>> 8);
        target[4] = (byte) id;
    }

    private DatumReader<SpecificRecord> readerFor(String topic, int id) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Unknown schema id " + id + " in a record of topic " + topic
                    + ": " + e.getMessage(), e);
        }
        SpecificData data = SpecificData.get();
        Class<?> generated = data.getClass(writerSchema);
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new SerializationException("No generated class for " + writerSchema.getFullName()
                    + " (schema id " + id + ", topic " + topic + ") on the classpath");
        }
        // The generated class's own model carries its logical-type conversions (timestamp-millis as Instant).
        SpecificData model = SpecificData.getForClass(generated);
        DatumReader<SpecificRecord> reader =
                new SpecificDatumReader<>(writerSchema, model.getSchema(generated), model);
        DatumReader<SpecificRecord> previous = readers.putIfAbsent(id, reader);
        return previous != null ? previous : reader;
    }

    /**
     * Per writer schema: its datum writer and its registry id per topic (the subject depends on the topic). The
     * registered form is the declared schema without Java-only properties; the encoding is the same.
     */
    private final class Writer {
        private final Schema registered;
        private final DatumWriter<SpecificRecord> datumWriter;
        private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

        Writer(Schema schema) {
            this.registered = DeclaredSchema.of(schema);
            Class<?> generated = SpecificData.get().getClass(schema);
            this.datumWriter = new SpecificDatumWriter<>(schema,
                    generated == null ? SpecificData.get() : SpecificData.getForClass(generated));
        }

        int id(String topic) {
            Integer id = idsByTopic.get(topic);
            if (id == null) {
                id = register(topic);
                idsByTopic.put(topic, id);
            }
            return id;
        }

        private int register(String topic) {
            try {
                return registry.register(subject(topic, registered), registered);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Cannot register " + registered.getFullName() + " under subject "
                        + subject(topic, registered) + ": " + e.getMessage(), e);
            }
        }
    }
}
