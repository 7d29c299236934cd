package io.pitwall.ingest.chronocloud.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when the server already holds {@code maxTotal} connections, or
 * {@code maxPerAddress} from the same IP address. A ChronoFly station keeps one connection; a client
 * that opens many (a reconnect loop gone wrong, a scan) must not starve the others or exhaust file
 * descriptors. First in the pipeline, so a refused connection costs no TLS handshake.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    private final int maxTotal;
    private final int maxPerAddress;
    private final ChronoCloudMetrics metrics;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    ConnectionLimiter(int maxTotal, int maxPerAddress, ChronoCloudMetrics metrics) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            refuse(ctx, "total", "the server already holds " + maxTotal + " connections (chronocloud.max.connections)");
            return;
        }
        if (address != null) {
            // merge/computeIfPresent are atomic per key, so counts never go to a removed entry
            if (perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
                release(address);
                total.decrementAndGet();
                refuse(ctx, "per_address", address.getHostAddress() + " already holds " + maxPerAddress
                        + " connections (chronocloud.max.connections.per.address)");
                return;
            }
        }
        // counted: undo exactly once when this connection closes
        ctx.channel().closeFuture().addListener(f -> {
            total.decrementAndGet();
            if (address != null) {
                release(address);
            }
        });
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }

    int connections() {
        return total.get();
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String why) {
        metrics.connectionRefused(reason);
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            LOG.warn("Refusing a connection from {}: {}", ctx.channel().remoteAddress(), why);
        }
        ctx.close();
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
