package io.lucid.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;

/**
 * A per-thread output buffer that starts each record with the wire-format header and keeps its encoder for
 * reuse: one growing array per thread instead of a new stream and encoder per record. Unlike
 * {@code ByteArrayOutputStream} its writes are not synchronized, since it never leaves its thread.
 */
final class WireBuffer extends OutputStream {

    /** Reused across records; a direct encoder writes straight into this buffer, so nothing needs flushing. */
    BinaryEncoder encoder;
    private byte[] buf = new byte[256];
    private int count;

    void start(int schemaId) {
        AvroWireFormat.writeHeader(buf, schemaId);
        count = AvroWireFormat.HEADER_SIZE;
    }

    @Override
    public void write(int b) {
        ensureCapacity(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    private void ensureCapacity(int extra) {
        if (count + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
        }
    }
}
