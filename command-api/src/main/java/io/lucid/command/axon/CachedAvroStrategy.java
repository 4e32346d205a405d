package io.lucid.command.axon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.avro.AvroSerializerStrategy;
import org.axonframework.serialization.avro.AvroSerializerStrategyConfig;
import org.axonframework.serialization.avro.AvroUtil;
import org.axonframework.serialization.avro.SchemaIncompatibilityChecker;
import org.axonframework.serialization.avro.SpecificRecordBaseSerializerStrategy;

/**
 * Axon's strategy for generated Avro records, with its per-event work done once per type instead.
 *
 * <p>Axon's {@link SpecificRecordBaseSerializerStrategy} builds a new {@link BinaryMessageEncoder} for every event it
 * writes and a new {@link BinaryMessageDecoder} for every event it reads. Each construction computes the schema's
 * parsing fingerprint (a canonical form printed and hashed), and each read also looks up the class's schema by
 * reflection and fingerprints both schemas again for the compatibility check's cache. An aggregate loaded from 1,000
 * events pays that 1,000 times. Here the encoder is kept per class, the decoder per (class, writer fingerprint), and
 * the compatibility of a writer schema with a class is checked once, when its decoder is made. Both Avro classes are
 * documented as thread-safe.
 *
 * <p>The bytes written and the objects read are the same as Axon's strategy (single-object encoding, type name the
 * class's canonical name, revision from the resolver); {@code CachedAvroStrategyTest} holds the two side by side.
 * Reads of {@link GenericRecord}s (upcasters) stay with Axon's strategy: they are rare and not on a hot path.
 */
final class CachedAvroStrategy implements AvroSerializerStrategy {

    private record DecoderKey(Class<?> type, long writerFingerprint) {
    }

    private final SchemaStore schemas;
    private final RevisionResolver revisions;
    private final SchemaIncompatibilityChecker compatibility;
    private final SpecificRecordBaseSerializerStrategy generic;
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecordBase>> encoders = new ConcurrentHashMap<>();
    private final Map<DecoderKey, BinaryMessageDecoder<?>> decoders = new ConcurrentHashMap<>();
    private volatile AvroSerializerStrategyConfig config = AvroSerializerStrategyConfig.builder().build();

    CachedAvroStrategy(SchemaStore schemas, RevisionResolver revisions, SchemaIncompatibilityChecker compatibility) {
        this.schemas = schemas;
        this.revisions = revisions;
        this.compatibility = compatibility;
        this.generic = new SpecificRecordBaseSerializerStrategy(schemas, revisions, compatibility);
    }

    @Override
    public boolean test(Class<?> type) {
        return SpecificRecordBase.class.isAssignableFrom(type);
    }

    @Override
    public void applyConfig(AvroSerializerStrategyConfig config) {
        this.config = config;
        generic.applyConfig(config);
    }

    @Override
    public SerializedObject<byte[]> serializeToSingleObjectEncoded(Object object) {
        if (!(object instanceof SpecificRecordBase record)) {
            throw new SerializationException("Expected a generated Avro record, got " + object.getClass().getCanonicalName());
        }
        Class<?> type = record.getClass();
        BinaryMessageEncoder<SpecificRecordBase> encoder = encoders.computeIfAbsent(type,
                t -> new BinaryMessageEncoder<>(record.getSpecificData(), record.getSchema()));
        byte[] bytes;
        try {
            ByteBuffer encoded = encoder.encode(record);
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("Could not serialize " + type.getCanonicalName() + " as Avro", e);
        }
        SerializedType serializedType = new SimpleSerializedType(type.getCanonicalName(), revisions.revisionOf(type));
        return new SimpleSerializedObject<>(bytes, byte[].class, serializedType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserializeFromSingleObjectEncoded(SerializedObject<byte[]> serialized, Class<T> type) {
        if (!SpecificRecordBase.class.isAssignableFrom(type)) {
            throw new SerializationException("Expected a generated Avro record type, got " + type.getCanonicalName());
        }
        byte[] bytes = serialized.getData();
        long fingerprint = AvroUtil.fingerprint(bytes);
        BinaryMessageDecoder<?> decoder = decoders.computeIfAbsent(new DecoderKey(type, fingerprint),
                key -> decoderFor(type, fingerprint));
        try {
            return (T) decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw AvroUtil.createExceptionFailedToDeserialize(type, schemas.findByFingerprint(fingerprint),
                    classSchema(type), e, config.includeSchemasInStackTraces());
        }
    }

    @Override
    public <T> T deserializeFromGenericRecord(SerializedObject<GenericRecord> serialized, Class<T> type) {
        return generic.deserializeFromGenericRecord(serialized, type);
    }

    /** What Axon's strategy does on every read, done once per writer schema and class. */
    private BinaryMessageDecoder<?> decoderFor(Class<?> type, long fingerprint) {
        Schema writer = schemas.findByFingerprint(fingerprint);
        if (writer == null) {
            throw AvroUtil.createExceptionNoSchemaFound(type, fingerprint);
        }
        Schema reader = classSchema(type);
        if (config.performAvroCompatibilityCheck()) {
            compatibility.assertSchemaCompatibility(type, reader, writer, config.includeSchemasInStackTraces());
        }
        BinaryMessageDecoder<Object> decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), reader);
        decoder.addSchema(writer);
        return decoder;
    }

    @SuppressWarnings("unchecked")
    private static Schema classSchema(Class<?> type) {
        return AvroUtil.getClassSchemaChecked((Class<SpecificRecordBase>) type);
    }
}
