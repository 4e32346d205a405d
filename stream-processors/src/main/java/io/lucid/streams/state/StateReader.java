package io.lucid.streams.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/** Reads what a {@link StateWriter} wrote, in the same order. */
public final class StateReader {

    private final DataInputStream in;

    public StateReader(byte[] data) {
        this.in = new DataInputStream(new ByteArrayInputStream(data));
    }

    public long readLong() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int readInt() {
        try {
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean readBoolean() {
        try {
            return in.readBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String readString() {
        try {
            return in.readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BigInteger readBigInteger() {
        byte[] magnitude = new byte[readInt()];
        try {
            in.readFully(magnitude);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BigInteger(magnitude);
    }
}
