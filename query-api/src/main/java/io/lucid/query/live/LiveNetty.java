package io.lucid.query.live;

import io.lucid.query.QueryConfig;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import jakarta.inject.Singleton;

/**
 * Netty settings of the WebSocket that Micronaut has no property for. Micronaut always offers permessage-deflate
 * with an unbounded inflater; this replaces it with one that may allocate at most the message limit, and puts
 * after the inflater the {@link MessageGuard} (the message limit on the inflated bytes) and Netty's UTF-8
 * validator (a text message that is not UTF-8 closes with 1007 instead of being decoded with replacement
 * characters). It also fixes each connection's kernel send buffer: autotuned, it grows to megabytes (on loopback at
 * once), and a client that stops reading would pin that much kernel memory before its send queue notices.
 */
@Singleton
final class LiveNetty implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** The name Micronaut gives its compression handler in the stream pipeline. */
    static final String COMPRESSION = "WebSocketServerCompressionHandler";

    private final int maxMessageBytes;
    private final int sendBuffer;

    LiveNetty(QueryConfig config) {
        this.maxMessageBytes = config.wsMaxMessageBytes();
        this.sendBuffer = config.wsSendBuffer();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel specialized, ChannelRole role) {
            return new Customizer(specialized);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(COMPRESSION) == null) {
                return;
            }
            channel.config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
            pipeline.replace(COMPRESSION, COMPRESSION, new WebSocketServerCompressionHandler(maxMessageBytes));
            // The handshake adds the inflater right after the compression handler, so these end up after it.
            pipeline.addAfter(COMPRESSION, "lucid-ws-utf8", new Utf8FrameValidator(true));
            pipeline.addAfter(COMPRESSION, "lucid-ws-message-guard", new MessageGuard(maxMessageBytes));
        }
    }
}
