package io.pitwall.publisher.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out load generator: N Timing71 WebSocket clients in one process, each measuring the delivery
 * lag of every STATE_UPDATE as (arrival time − the state's {@code lastUpdated}), which the bench
 * server stamps just before producing it. Run it in its own JVM on the same machine as
 * {@link FanoutBenchServer}, so both read the same clock.
 *
 * <p>Like a browser it offers permessage-deflate, but it never inflates a whole message: the server
 * compresses each message on its own, so inflating the first bytes recovers {@code lastUpdated} (the
 * bench server puts it first), and {@link RawT71Client} skips the rest of each frame without copying.
 * Thus the generator's CPU stays small next to the server's on a shared machine.
 *
 * <pre>
 * java -cp ... io.pitwall.publisher.bench.FanoutLoadGenerator --url ws://127.0.0.1:8099/t71/bench \
 *      --clients 1000 --connect-rate 500 --warmup 10 --duration 30 [--deflate true] [--threads 1]
 * </pre>
 */
public final class FanoutLoadGenerator {

    private static final byte[] MARK = "\"lastUpdated\":".getBytes(StandardCharsets.US_ASCII);

    private final LagHistogram lag = new LagHistogram();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private volatile boolean measuring;

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs(argv);
        new FanoutLoadGenerator().run(URI.create(args.get("url", "ws://127.0.0.1:8099/t71/bench")),
                args.integer("clients", 1000), args.integer("connect-rate", 500), args.integer("warmup", 10),
                args.integer("duration", 30), args.bool("deflate", true), args.integer("threads", 1));
    }

    private final RawT71Client.Listener listener = new RawT71Client.Listener() {
        @Override
        public void connected() {
            connected.incrementAndGet();
        }

        @Override
        public void disconnected() {
            connected.decrementAndGet();
        }

        @Override
        public void message(int bytes, long lastUpdated) {
            long now = System.currentTimeMillis();
            messages.incrementAndGet();
            wireBytes.addAndGet(bytes);
            if (measuring && lastUpdated > 0) {
                lag.record(now - lastUpdated);
            }
        }
    };

    private void run(URI uri, int clients, int connectRate, int warmup, int duration, boolean deflate, int threads)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new RawT71Client(uri, deflate, listener));
                        }
                    });
            long started = System.nanoTime();
            long pause = Math.max(1, 1_000_000_000L / Math.max(1, connectRate));
            for (int i = 0; i < clients; i++) {
                bootstrap.connect(uri.getHost(), uri.getPort()).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        failed.incrementAndGet();
                    }
                });
                long wait = started + (i + 1) * pause - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            while (connected.get() + failed.get() < clients && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120)) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            System.out.printf(Locale.ROOT, "connected %d of %d clients in %.1f s (%d failed)%n", connected.get(), clients,
                    (System.nanoTime() - started) / 1e9, failed.get());
            TimeUnit.SECONDS.sleep(warmup);

            measuring = true;
            long[] before = lag.snapshot();
            long messagesBefore = messages.get();
            long bytesBefore = wireBytes.get();
            long from = System.nanoTime();
            for (int s = 5; s <= duration; s += 5) {
                long[] mark = lag.snapshot();
                TimeUnit.SECONDS.sleep(5);
                long[] window = LagHistogram.minus(lag.snapshot(), mark);
                System.out.printf(Locale.ROOT, "  t=%3ds clients=%d lag p50=%d ms p99=%d ms max=%d ms (%d updates)%n", s,
                        connected.get(), LagHistogram.percentile(window, 0.5), LagHistogram.percentile(window, 0.99),
                        LagHistogram.percentile(window, 1.0), LagHistogram.total(window));
            }
            measuring = false;
            double seconds = (System.nanoTime() - from) / 1e9;
            long[] all = LagHistogram.minus(lag.snapshot(), before);
            long received = messages.get() - messagesBefore;
            System.out.printf(Locale.ROOT,
                    "RESULT clients=%d deflate=%s duration=%.0fs updates=%d (%.0f/s, %.2f per client per s) "
                            + "lag p50=%d ms p99=%d ms p99.9=%d ms max=%d ms wire=%.1f MB/s%n",
                    connected.get(), deflate, seconds, received, received / seconds,
                    received / seconds / Math.max(1, connected.get()),
                    LagHistogram.percentile(all, 0.5), LagHistogram.percentile(all, 0.99),
                    LagHistogram.percentile(all, 0.999), LagHistogram.percentile(all, 1.0),
                    (wireBytes.get() - bytesBefore) / seconds / 1e6);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The number after {@code "lastUpdated":} in the first {@code n} bytes, or -1. */
    static long lastUpdated(byte[] b, int n) {
        outer:
        for (int i = 0; i + MARK.length < n; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (b[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + MARK.length;
            while (k < n && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k++] - '0');
            }
            return k < n ? v : -1;
        }
        return -1;
    }
}
