package io.pitwall.publisher.rmonitor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.Transport;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RMonitor receiver. RMonitor is a stream of changes, so a receiver that cannot keep up cannot be
 * handed "the newest record" the way a snapshot protocol can: instead, while its socket is full it
 * skips batches, and once it drains it gets {@code $I} and the full current picture — the same
 * bounded-memory catch-up as the snapshot transports.
 */
public final class RMonitorClient extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RMonitorClient.class);

    private final RMonitorFeed feed;
    private final FanoutSettings settings;
    private final PublisherMetrics metrics;
    private ChannelHandlerContext ctx;
    private long version = -1;
    private boolean behind;
    private ScheduledFuture<?> stallCheck;

    public RMonitorClient(RMonitorFeed feed, FanoutSettings settings, PublisherMetrics metrics) {
        this.feed = feed;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        metrics.clients(Transport.RMONITOR).incrementAndGet();
        feed.join(this);
        sendFullSnapshot();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        feed.leave(this);
        metrics.clients(Transport.RMONITOR).decrementAndGet();
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        super.channelInactive(ctx);
    }

    /** From any thread; the batch's bytes stay owned by the caller. */
    void offer(RMonitorBatch batch) {
        ByteBuf bytes = batch.bytes().retainedDuplicate();
        try {
            ctx.executor().execute(() -> {
                try {
                    deliver(batch, bytes);
                } finally {
                    bytes.release();
                }
            });
        } catch (RuntimeException shuttingDown) {
            bytes.release();
        }
    }

    private void deliver(RMonitorBatch batch, ByteBuf bytes) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!batch.heartbeat() && batch.version() <= version) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            if (!batch.heartbeat()) {
                behind = true;
                metrics.conflated(Transport.RMONITOR);
            }
            return;
        }
        if (behind) {
            sendFullSnapshot();
            return;
        }
        write(bytes.retainedDuplicate(), batch.receivedNanos());
        if (!batch.heartbeat()) {
            version = batch.version();
        }
    }

    private void sendFullSnapshot() {
        RMonitorBatch full = feed.fullSnapshot();
        behind = false;
        version = full.version();
        write(full.bytes(), 0);
    }

    private void write(ByteBuf bytes, long receivedNanos) {
        metrics.sent(Transport.RMONITOR, bytes.readableBytes());
        ctx.writeAndFlush(bytes).addListener(f -> {
            if (f.isSuccess() && receivedNanos != 0) {
                metrics.deliveryLag(Transport.RMONITOR, System.nanoTime() - receivedNanos);
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            if (stallCheck != null) {
                stallCheck.cancel(false);
                stallCheck = null;
            }
            if (behind) {
                sendFullSnapshot();
            }
        } else if (stallCheck == null) {
            stallCheck = ctx.executor().schedule(() -> {
                stallCheck = null;
                if (!ctx.channel().isWritable()) {
                    metrics.slowDisconnect(Transport.RMONITOR);
                    ctx.close();
                }
            }, settings.slowClientTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // receivers do not talk back in this protocol
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("rmonitor connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
