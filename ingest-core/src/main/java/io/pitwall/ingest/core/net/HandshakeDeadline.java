package io.pitwall.ingest.core.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose WebSocket upgrade is not complete {@code timeout} after it was accepted, and
 * counts it as {@code pitwall_ingest_decode_errors_total{venue="unknown",kind="handshake_timeout"}}.
 *
 * <p>Netty's own handshake timeout starts only once the whole upgrade request has arrived, and the idle timer
 * is reset by every byte, so a client trickling an endless request (slow loris) would otherwise hold its
 * connection, and with enough of them every connection slot, for ever. Sits after the WebSocket handler,
 * which announces a finished upgrade with {@link HandshakeComplete}: add one per connection right after it.
 */
public final class HandshakeDeadline extends ChannelInboundHandlerAdapter {

    public static final String KIND = "handshake_timeout";
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeDeadline.class);

    private final Duration timeout;
    private final IngestMetrics metrics;
    private ScheduledFuture<?> deadline;

    public HandshakeDeadline(Duration timeout, IngestMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            metrics.decodeError(IngestMetrics.UNKNOWN_VENUE, KIND);
            LOG.info("{}: no WebSocket upgrade within {} s; closing", ctx.channel().remoteAddress(),
                    timeout.toSeconds());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            deadline.cancel(false);
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.cancel(false);
        super.channelInactive(ctx);
    }
}
