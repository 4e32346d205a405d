package io.lucid.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Port checks done before anything starts, so a clash is one clear line and not a half-started stack. */
public final class Ports {

    /**
     * A port the stack intends to bind.
     *
     * @param component what binds it, for the message
     * @param remedy    what the user can set instead, e.g. {@code "set LUCID_PG_PORT, or LUCID_DB_URL"}
     */
    public record Claim(int port, String component, String remedy) {}

    private Ports() {}

    /**
     * True when nothing listens on the port on any address. Binds the wildcard address, which Linux refuses while
     * any socket (127.0.0.1 or 0.0.0.0) listens on that port.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with one line naming the first claimed port that is taken. */
    public static void requireFree(List<Claim> claims) {
        for (Claim claim : claims) {
            if (!isFree(claim.port())) {
                throw new StackException("port " + claim.port() + " (" + claim.component() + ") is already in use: "
                        + "stop what holds it, or " + claim.remedy());
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            for (int j = i + 1; j < claims.size(); j++) {
                if (claims.get(i).port() == claims.get(j).port()) {
                    throw new StackException("port " + claims.get(i).port() + " is configured for both "
                            + claims.get(i).component() + " and " + claims.get(j).component());
                }
            }
        }
    }

    /** Distinct free ports, held open together while they are picked so no two are the same. */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pick free ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a port we only probed
                }
            }
        }
    }

    /**
     * The first of {@code count} consecutive free ports, none of them among {@code taken}: a local broker cluster
     * numbers its listeners from one base port. Free when picked, as {@link #freePorts} are.
     */
    public static int freeBlock(int count, int... taken) {
        java.util.Set<Integer> avoid = new java.util.HashSet<>();
        for (int port : taken) {
            avoid.add(port);
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = freePorts(1)[0];
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                free = !avoid.contains(port) && isFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new StackException("found no " + count + " consecutive free ports");
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
