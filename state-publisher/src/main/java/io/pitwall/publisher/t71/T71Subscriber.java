package io.pitwall.publisher.t71;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
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

    /**
     * Writes the shared, ready-made WebSocket frame as plain bytes: the WebSocket and deflate encoders only
     * take {@code WebSocketFrame}s, so they pass it through untouched, and a client costs no header or
     * encoder work, just a reference to the same bytes. Pings and the close frame still go through them.
     */
    @Override
    protected int write(Frame frame, ChannelPromise promise) {
        boolean compressed = deflate && frame.t71DeflatedFrame() != null;
        ByteBuf wire = compressed ? frame.t71DeflatedFrame() : frame.t71TextFrame();
        int payload = compressed ? frame.t71Deflated().readableBytes() : frame.t71Text().readableBytes();
        channel.write(wire.retainedDuplicate(), promise);
        return payload;
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
