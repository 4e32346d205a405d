package io.lucid.query.live;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Bounds a client's WebSocket message after permessage-deflate has inflated it: the frame-size limit of the
 * handshake applies to the compressed bytes, so a small compressed frame (or many continuation frames) could
 * otherwise carry a message of any size. Sits right after the deflate decoder; a message over the limit closes the
 * connection with 1009 (message too big). The decoder's own allocation cap ({@link LiveNetty}) ends a single frame
 * that inflates past the limit the same way.
 */
final class MessageGuard extends ChannelInboundHandlerAdapter {

    private final int maxMessageBytes;
    private long messageBytes;
    private boolean tripped;

    MessageGuard(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame && isData(frame)) {
            if (tripped) {
                frame.release();
                return;
            }
            if (!(frame instanceof ContinuationWebSocketFrame)) {
                messageBytes = 0;
            }
            messageBytes += frame.content().readableBytes();
            if (messageBytes > maxMessageBytes) {
                frame.release();
                tooBig(ctx);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecompressionException || cause.getCause() instanceof DecompressionException) {
            tooBig(ctx);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void tooBig(ChannelHandlerContext ctx) {
        if (!tripped) {
            tripped = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
                    "message over " + maxMessageBytes + " bytes")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean isData(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                || frame instanceof ContinuationWebSocketFrame;
    }
}
