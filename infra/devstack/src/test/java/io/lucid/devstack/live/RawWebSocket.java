package io.lucid.devstack.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * A minimal WebSocket client over a plain socket, for what the JDK client cannot do: send permessage-deflate
 * compressed messages (RFC 7692) and text frames whose bytes are not UTF-8, and stop reading altogether with a tiny
 * receive buffer, like a client that stalls. It reads uncompressed text frames and the close frame.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    final boolean deflate;

    private RawWebSocket(Socket socket, boolean deflate) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.deflate = deflate;
    }

    /** Opens {@code uri}, offering permessage-deflate when {@code offerDeflate}; fails unless the upgrade succeeds. */
    public static RawWebSocket open(URI uri, boolean offerDeflate) throws IOException {
        return open(uri, offerDeflate, 0);
    }

    /** As {@link #open(URI, boolean)}, with a receive buffer of {@code receiveBuffer} bytes when positive. */
    static RawWebSocket open(URI uri, boolean offerDeflate, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + head);
        }
        return new RawWebSocket(socket, head.toLowerCase().contains("permessage-deflate"));
    }

    /** Sends one text message in one frame, compressed when the extension was agreed. */
    public void sendText(byte[] payload) throws IOException {
        byte[] body = payload;
        boolean compressed = deflate;
        if (compressed) {
            body = compress(payload);
        }
        writeFrame(true, compressed, 0x1, body);
    }

    /** Sends one unfragmented frame of any opcode (binary, a reserved one), uncompressed. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        writeFrame(true, false, opcode, payload);
    }

    /** Sends one text message as a compressed first frame followed by continuation frames. */
    void sendTextFragments(byte[][] fragments) throws IOException {
        for (int i = 0; i < fragments.length; i++) {
            writeFrame(i == fragments.length - 1, false, i == 0 ? 0x1 : 0x0, fragments[i]);
        }
    }

    /** The close code the server sent, once {@link #nextText} has returned null after a close frame. */
    public int closeCode = -1;

    /** Whether the last {@link #nextText(int)} returned null because nothing came in time. */
    public boolean quiet;

    /** The next text message (unfragmented, uncompressed), skipping control frames; null at the close. */
    String nextText() throws IOException {
        return nextText(30_000);
    }

    /** As {@link #nextText()}, or null with {@link #quiet} set when no frame starts within {@code millis}. */
    public String nextText(int millis) throws IOException {
        quiet = false;
        while (true) {
            int first;
            try {
                socket.setSoTimeout(millis);
                first = in.readUnsignedByte();
                socket.setSoTimeout(30_000);
            } catch (java.net.SocketTimeoutException e) {
                quiet = true;
                return null;
            } catch (IOException e) {
                return null;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                return null;
            }
            if (opcode == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    /** Reads frames until the server's close frame; returns its status code (-1 when the socket just ends). */
    int awaitClose() throws IOException {
        while (nextText() != null || quiet) {
            // skipping what the server sent before closing
        }
        return closeCode;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void writeFrame(boolean fin, boolean rsv1, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length >>> shift) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Raw DEFLATE with a sync flush, minus the trailing 00 00 ff ff (RFC 7692, section 7.2.1). */
    private static byte[] compress(byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(payload);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            compressed.write(buffer, 0, written);
        } while (written == buffer.length);
        deflater.end();
        byte[] bytes = compressed.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
