package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/** The message limit counts inflated bytes over a whole message, fragments included. */
class MessageGuardTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new MessageGuard(1000));

    @Test
    void passesMessagesUpToTheLimit() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[400])));
        channel.writeInbound(new TextWebSocketFrame("x".repeat(1000)));

        assertThat(channel.inboundMessages()).hasSize(3);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void closesWith1009WhenTheFragmentsOfOneMessageExceedIt() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[401])));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aFrameThatInflatesPastTheDecodersCapClosesWith1009() {
        channel.pipeline().fireExceptionCaught(new DecompressionException("Decompression buffer has reached maximum size"));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
    }
}
