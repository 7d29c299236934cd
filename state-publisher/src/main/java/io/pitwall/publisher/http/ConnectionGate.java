package io.pitwall.publisher.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * First handler of every connection: counts open connections across all ports and refuses those above
 * the limit before any work is spent on them. An HTTP port answers 503 so a load balancer or browser
 * knows to retry elsewhere; the RMonitor port just closes.
 */
public final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final int limit;
    private final boolean http;
    private final PublisherMetrics metrics;
    private boolean counted;

    public ConnectionGate(int limit, boolean http, PublisherMetrics metrics) {
        this.limit = limit;
        this.http = http;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        AtomicInteger open = metrics.openConnections();
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            metrics.rejected();
            ctx.channel().config().setAutoRead(false);
            if (http) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(BUSY)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        counted = true;
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            metrics.openConnections().decrementAndGet();
            super.channelInactive(ctx);
        }
    }
}
