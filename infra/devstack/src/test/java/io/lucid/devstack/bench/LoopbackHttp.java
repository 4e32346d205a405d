package io.lucid.devstack.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP/1.1 client for load generation on loopback: one kept-alive blocking socket per thread, requests
 * written as bytes, answers read by {@code Content-Length}. The JDK's {@code HttpClient} spent ~0.4-0.7 ms of CPU per
 * request in the benchmark's own JVM (its selector thread, futures and header objects), as much as the server it
 * measured, on the same two cores; this one spends a few tens of microseconds, so the figures are the server's.
 * Only what the benchmarks send: no TLS, no chunked bodies, no redirects.
 */
final class LoopbackHttp implements AutoCloseable {

    /** An answer: status, headers (lower-case names, first value), body as text. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final URI base;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    LoopbackHttp(URI base) {
        this.base = base;
    }

    Response get(String path, Map<String, String> headers) {
        return send("GET", path, headers);
    }

    Response post(String path, Map<String, String> headers) {
        return send("POST", path, headers);
    }

    private Response send(String method, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (method.equals("POST")) {
            head.append("Content-Length: 0\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        Connection connection = connections.get();
        try {
            if (connection == null) {
                connection = open();
            }
            try {
                return connection.exchange(request);
            } catch (IOException e) {
                // The server closed a kept-alive connection (idle timeout): a read is retried once on a new one, a
                // command is not (it may have been applied).
                connection.close();
                if (!method.equals("GET")) {
                    throw e;
                }
                connection = open();
                return connection.exchange(request);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (connection != null && connection.closed) {
                connections.remove();
            }
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        Connection connection = new Connection(socket);
        connections.set(connection);
        opened.add(connection);
        return connection;
    }

    /** Closes every connection opened so far (threads of a finished load no longer use theirs). */
    @Override
    public void close() {
        opened.forEach(Connection::close);
        opened.clear();
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private volatile boolean closed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Response exchange(byte[] request) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("no answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("body cut short");
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return null;
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
