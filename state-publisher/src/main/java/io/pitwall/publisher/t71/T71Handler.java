package io.pitwall.publisher.t71;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.metrics.PublisherMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a Timing71 WebSocket: once the handshake completes it subscribes the connection
 * to its service (or to the default service), and relays writability so conflation knows when the
 * client keeps up. Clients of this protocol send nothing meaningful; their messages are dropped.
 */
final class T71Handler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(T71Handler.class);

    private final FeedHub hub;
    private final String serviceUuid;
    private final DeflateNegotiation deflate;
    private final FanoutSettings settings;
    private final PublisherMetrics metrics;
    private T71Subscriber subscriber;

    /** @param serviceUuid the service, or null for whatever service is the default */
    T71Handler(FeedHub hub, String serviceUuid, DeflateNegotiation deflate, FanoutSettings settings,
               PublisherMetrics metrics) {
        this.hub = hub;
        this.serviceUuid = serviceUuid;
        this.deflate = deflate;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            subscriber = new T71Subscriber(ctx.channel(), deflate != null && deflate.agreed(), settings, metrics);
            if (serviceUuid == null) {
                hub.subscribeDefault(subscriber);
            } else {
                hub.subscribe(serviceUuid, subscriber);
            }
        } else if (evt instanceof IdleStateEvent) {
            // nothing read, not even a pong to our pings: the peer is gone
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (subscriber != null) {
            subscriber.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("t71 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
