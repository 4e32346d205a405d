package io.lucid.devstack.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Many WebSocket clients of query-api on one or two Netty event loops: the fan-out benchmark needs 10,000 sockets
 * whose reading costs far less than the server's writing, so the client is never what limits the figures. A client
 * subscribes to one channel, waits for its snapshot, and then, for each {@code update} of that channel, logs the
 * channel version and the arrival instant without decoding the frame (a byte comparison of the frame's fixed
 * prefix, then the digits of the version): the latencies are computed after the run. A stalled client stops reading
 * after its snapshot, with a small receive buffer, like a device that hangs.
 */
final class WsClients implements AutoCloseable {

    /** The arrivals one event loop logged: channel version and {@link System#nanoTime()}, in arrival order. */
    static final class Log {
        private long[] versions = new long[1 << 16];
        private long[] times = new long[1 << 16];
        private int size;

        void add(long version, long time) {
            if (size == versions.length) {
                versions = java.util.Arrays.copyOf(versions, size * 2);
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            versions[size] = version;
            times[size] = time;
            size++;
        }

        int size() {
            return size;
        }

        long version(int i) {
            return versions[i];
        }

        long time(int i) {
            return times[i];
        }
    }

    /** One client: what it received and how it ended. */
    static final class Client {
        final int index;
        final boolean stalled;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile Channel channel;
        volatile int updates;
        volatile int closeCode = -1;
        volatile boolean gone;
        /** The channel version of the snapshot, once it came (-1 after a resume). */
        volatile long snapshotVersion = -1;

        Client(int index, boolean stalled) {
            this.index = index;
            this.stalled = stalled;
        }
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("\"version\":(\\d+)");

    private final MultiThreadIoEventLoopGroup loops;
    private final URI base;
    private final String channelName;
    private final byte[] updatePrefix;
    private final List<Log> logs = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Log> log = ThreadLocal.withInitial(() -> {
        Log created = new Log();
        logs.add(created);
        return created;
    });
    private final List<Client> clients = new ArrayList<>();
    /** Frames a client watches for besides updates (e.g. the command benchmark's own matcher). */
    private final Consumer<String> textTap;
    private final ConcurrentHashMap<Integer, String> firstError = new ConcurrentHashMap<>();

    /**
     * Clients of {@code channel} at {@code ws://host:port/ws}, on {@code threads} event loops; {@code textTap},
     * when not null, gets the text of every update frame (decoding it: for low rates only).
     */
    WsClients(String host, int port, String channel, int threads, Consumer<String> textTap) {
        this.loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.base = URI.create("ws://" + host + ":" + port + "/ws");
        this.channelName = channel;
        this.updatePrefix = ("{\"type\":\"update\",\"channel\":\"" + channel + "\",\"version\":")
                .getBytes(StandardCharsets.US_ASCII);
        this.textTap = textTap;
    }

    /**
     * Opens a client authenticated with {@code token} (on the URL: one round trip less) and subscribed to the
     * channel; its future completes at its snapshot. With {@code since} (a channel version in the server's history)
     * it resumes instead: no snapshot, so no database read per client, and thousands of clients connect in seconds.
     */
    Client open(String token, boolean stalled, Long since) {
        Client client = new Client(clients.size(), stalled);
        clients.add(client);
        URI uri = URI.create(base + "?token=" + token);
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (stalled) {
                            // Small, so the server's send buffer and queue fill soon after the client stops.
                            ch.config().setReceiveBufferSize(4096);
                        }
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).version(WebSocketVersion.V13)
                                // Snapshots of a list channel are one frame of up to 100 rows.
                                .maxFramePayloadLength(4 << 20)
                                .handshakeTimeoutMillis(60_000)
                                // Close frames are read here, for their code.
                                .handleCloseFrames(false)
                                .build();
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                                new WebSocketClientProtocolHandler(config), new Handler(client, since));
                    }
                });
        bootstrap.connect(uri.getHost(), uri.getPort()).addListener(future -> {
            if (!future.isSuccess()) {
                client.gone = true;
                client.ready.completeExceptionally(future.cause());
            }
        });
        return client;
    }

    List<Client> clients() {
        return clients;
    }

    /** A copy of every loop's log, each taken on its own loop so no arrival is torn. */
    List<Log> logs() {
        List<CompletableFuture<Log>> copies = new ArrayList<>();
        loops.forEach(loop -> {
            CompletableFuture<Log> copy = new CompletableFuture<>();
            copies.add(copy);
            loop.execute(() -> {
                Log own = log.get();
                Log taken = new Log();
                taken.versions = java.util.Arrays.copyOf(own.versions, own.size);
                taken.times = java.util.Arrays.copyOf(own.times, own.size);
                taken.size = own.size;
                copy.complete(taken);
            });
        });
        return copies.stream().map(CompletableFuture::join).toList();
    }

    /** A sample of what went wrong, if anything did (one line per kind). */
    String errors() {
        return String.join("; ", firstError.values());
    }

    /** Forgets what was logged so far (between the phases of a run). */
    void clearLogs() {
        // Each log belongs to its loop: clear it there, so no arrival is lost or torn.
        List<CompletableFuture<Void>> all = new ArrayList<>();
        loops.forEach(loop -> {
            CompletableFuture<Void> cleared = new CompletableFuture<>();
            all.add(cleared);
            loop.execute(() -> {
                log.get().size = 0;
                cleared.complete(null);
            });
        });
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        clients.forEach(c -> c.updates = 0);
    }

    /** Closes every client with a normal close, then the event loops. */
    @Override
    public void close() {
        for (Client client : clients) {
            Channel channel = client.channel;
            if (channel != null && channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
            }
        }
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final Client client;
        private final Long since;
        private boolean snapshotSeen;

        Handler(Client client, Long since) {
            this.client = client;
            this.since = since;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            client.channel = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"subscribe\",\"channel\":\"" + channelName + "\""
                        + (since == null ? "" : ",\"since\":" + since) + "}"));
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                fail(ctx, "handshake timeout");
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long now = System.nanoTime();
            if (frame instanceof TextWebSocketFrame text) {
                ByteBuf content = text.content();
                long version = updateVersion(content);
                if (version >= 0) {
                    if (client.stalled) {
                        return; // what a stalled client still read before it stopped is not a fair arrival
                    }
                    log.get().add(version, now);
                    client.updates++;
                    if (textTap != null) {
                        textTap.accept(content.toString(StandardCharsets.UTF_8));
                    }
                } else if (!snapshotSeen) {
                    String body = content.toString(StandardCharsets.UTF_8);
                    boolean snapshot = body.startsWith("{\"type\":\"snapshot\"");
                    if (snapshot || body.startsWith("{\"type\":\"resumed\"")) {
                        snapshotSeen = true;
                        if (snapshot) {
                            java.util.regex.Matcher at = VERSION.matcher(body);
                            client.snapshotVersion = at.find() ? Long.parseLong(at.group(1)) : -1;
                        }
                        if (client.stalled) {
                            ctx.channel().config().setAutoRead(false);
                        }
                        client.ready.complete(null);
                    } else if (body.startsWith("{\"type\":\"error\"")) {
                        fail(ctx, body);
                    }
                }
            } else if (frame instanceof CloseWebSocketFrame close) {
                client.closeCode = close.statusCode();
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            client.gone = true;
            if (!client.ready.isDone()) {
                client.ready.completeExceptionally(new IllegalStateException("closed before its snapshot, code "
                        + client.closeCode));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause.toString());
        }

        private void fail(ChannelHandlerContext ctx, String why) {
            firstError.putIfAbsent(why.length() > 40 ? why.substring(0, 40).hashCode() : why.hashCode(), why);
            client.ready.completeExceptionally(new IllegalStateException(why));
            ctx.close();
        }

        /** The version of an update frame of the channel, read straight from its bytes; -1 for any other frame. */
        private long updateVersion(ByteBuf content) {
            int start = content.readerIndex();
            int length = updatePrefix.length;
            if (content.readableBytes() <= length) {
                return -1;
            }
            for (int i = 0; i < length; i++) {
                if (content.getByte(start + i) != updatePrefix[i]) {
                    return -1;
                }
            }
            long version = 0;
            for (int i = start + length; i < content.writerIndex(); i++) {
                byte b = content.getByte(i);
                if (b < '0' || b > '9') {
                    break;
                }
                version = version * 10 + (b - '0');
            }
            return version;
        }
    }
}
