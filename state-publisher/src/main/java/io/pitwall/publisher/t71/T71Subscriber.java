package io.pitwall.publisher.t71;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.Frame;
import io.pitwall.publisher.fanout.Subscriber;
import io.pitwall.publisher.fanout.Transport;
import io.pitwall.publisher.metrics.PublisherMetrics;

/** A Timing71 command-line-protocol client: every frame is a text message holding a full snapshot. */
final class T71Subscriber extends Subscriber {

    private final boolean deflate;

    T71Subscriber(Channel channel, boolean deflate, FanoutSettings settings, PublisherMetrics metrics) {
        super(channel, Transport.T71, settings, metrics);
        this.deflate = deflate;
    }

    @Override
    protected int write(Frame frame, ChannelPromise promise) {
        TextWebSocketFrame message = deflate && frame.t71Deflated() != null
                // RSV1 marks the payload as already compressed; the extension encoder leaves it alone
                ? new TextWebSocketFrame(true, WebSocketExtension.RSV1, frame.t71Deflated().retainedDuplicate())
                : new TextWebSocketFrame(true, 0, frame.t71Text().retainedDuplicate());
        int bytes = message.content().readableBytes();
        channel.write(message, promise);
        return bytes;
    }

    @Override
    protected boolean probesPeer() {
        return true;
    }

    @Override
    protected void writeKeepalive() {
        channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
    }

    @Override
    protected void endOfService() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "service ended"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
