package io.lucid.registry.bench;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records per CPU-second through our wire-format serde (warm cache: no registry call after the first record) against plain
 * Avro binary encoding of the same record with no registry and no header, the ceiling. Both sides reuse their encoder,
 * decoder and buffers and return a fresh {@code byte[]} / record per call, as a Kafka serializer must.
 */
final class SerdeThroughput {

    /** One measured pass: records/s for each of the four loops. */
    record Round(double plainEncode, double serdeEncode, double plainDecode, double serdeDecode) {
    }

    private final SpecificRecord record;
    private final AvroWireFormat format;
    private final String topic;
    private final SpecificDatumWriter<SpecificRecord> plainWriter;
    private final SpecificDatumReader<SpecificRecord> plainReader;
    private final ByteArrayOutputStream plainOut = new ByteArrayOutputStream(512);
    private BinaryEncoder plainEncoder;
    private BinaryDecoder plainDecoder;
    private final byte[] plainBytes;
    private final byte[] wireBytes;
    private static final long SLICE_NANOS = 20_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int BATCH = 200;

    /** Consumed so that the JIT cannot drop the work. */
    long sink;

    SerdeThroughput(SpecificRecord record, SchemaRegistryClient registry, String topic) {
        this.record = record;
        this.topic = topic;
        this.format = new AvroWireFormat(registry);
        SpecificData model = SpecificData.getForClass(record.getClass());
        this.plainWriter = new SpecificDatumWriter<>(record.getSchema(), model);
        this.plainReader = new SpecificDatumReader<>(record.getSchema(), record.getSchema(), model);
        this.plainBytes = plainEncode();
        this.wireBytes = format.serialize(topic, record);
        format.deserialize(topic, wireBytes);
    }

    /**
     * Runs the four loops in turn, in slices of {@value #SLICE_NANOS} ns, until {@code nanos} have passed, and rates
     * each by the CPU time this thread spent in it. On a shared machine a thread is descheduled for whole time slices;
     * wall-clock rates then measure the neighbours, CPU-time rates still measure the code. Interleaving also exposes
     * all four loops to the same cache and frequency conditions, so their ratios stay meaningful.
     */
    Round measure(long nanos) {
        List<Runnable> loops = List.of(
                () -> sink += plainEncode().length,
                () -> sink += format.serialize(topic, record).length,
                () -> sink += plainDecode().hashCode(),
                () -> sink += format.deserialize(topic, wireBytes).hashCode());
        long[] counts = new long[loops.size()];
        long[] spent = new long[loops.size()];
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < loops.size(); i++) {
                long start = System.nanoTime();
                long cpuStart = CPU.getCurrentThreadCpuTime();
                while (System.nanoTime() - start < SLICE_NANOS) {
                    for (int k = 0; k < BATCH; k++) {
                        loops.get(i).run();
                    }
                    counts[i] += BATCH;
                }
                spent[i] += CPU.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        return new Round(rate(counts[0], spent[0]), rate(counts[1], spent[1]), rate(counts[2], spent[2]),
                rate(counts[3], spent[3]));
    }

    /** Bytes of one record in the wire format (header included). */
    int wireSize() {
        return wireBytes.length;
    }

    private static double rate(long count, long nanos) {
        return count * 1e9 / nanos;
    }

    private byte[] plainEncode() {
        try {
            plainOut.reset();
            plainEncoder = EncoderFactory.get().directBinaryEncoder(plainOut, plainEncoder);
            plainWriter.write(record, plainEncoder);
            return plainOut.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SpecificRecord plainDecode() {
        try {
            plainDecoder = DecoderFactory.get().binaryDecoder(plainBytes, plainDecoder);
            return plainReader.read(null, plainDecoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
