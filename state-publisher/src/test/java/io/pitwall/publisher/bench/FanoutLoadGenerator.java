package io.pitwall.publisher.bench;

import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out load generator: N Timing71 WebSocket clients in one process, each measuring the delivery
 * lag of every STATE_UPDATE it receives as (arrival time − the state's {@code lastUpdated}), which the
 * bench server stamps just before producing it. Run it in its own JVM on the same machine as
 * {@link FanoutBenchServer}, so both read the same clock.
 *
 * <p>Lean on purpose, because it shares the cores with the server it measures: one event loop per core,
 * frames parsed straight off the socket buffer ({@link RawT71Client}), and no message parsed as JSON —
 * an update is recognised by its bytes and only its first copy is inflated ({@link UpdateStamps}). It
 * prints its own CPU next to the lag so a run shows whether the generator or the publisher is the bound.
 *
 * <pre>
 * java -cp ... io.pitwall.publisher.bench.FanoutLoadGenerator --url ws://127.0.0.1:8099/t71/bench \
 *      --clients 1000 --connect-rate 500 --warmup 10 --duration 30 [--deflate true] [--threads cores]
 * </pre>
 */
public final class FanoutLoadGenerator {

    private final Map<EventLoop, LoopStats> loops = new ConcurrentHashMap<>();
    private final Set<RawT71Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs(argv);
        new FanoutLoadGenerator().run(URI.create(args.get("url", "ws://127.0.0.1:8099/t71/bench")),
                args.integer("clients", 1000), args.integer("connect-rate", 500), args.integer("warmup", 10),
                args.integer("duration", 30), args.bool("deflate", true),
                args.integer("threads", Runtime.getRuntime().availableProcessors()));
    }

    private final RawT71Client.Listener listener = new RawT71Client.Listener() {
        @Override
        public void connected(RawT71Client client) {
            clients.add(client);
        }

        @Override
        public void disconnected(RawT71Client client) {
            clients.remove(client);
        }
    };

    private void run(URI uri, int count, int connectRate, int warmup, int duration, boolean deflate, int threads)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            LoopStats stats = loops.computeIfAbsent(ch.eventLoop(), l -> new LoopStats());
                            ch.pipeline().addLast(new RawT71Client(uri, deflate, listener, stats));
                        }
                    });
            long started = System.nanoTime();
            long pause = Math.max(1, 1_000_000_000L / Math.max(1, connectRate));
            for (int i = 0; i < count; i++) {
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
            while (clients.size() + failed.get() < count && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120)) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            System.out.printf(Locale.ROOT, "connected %d of %d clients in %.1f s (%d failed), %d event loops%n",
                    clients.size(), count, (System.nanoTime() - started) / 1e9, failed.get(), threads);
            TimeUnit.SECONDS.sleep(warmup);
            measure(deflate, duration);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            loops.values().forEach(l -> l.stamps.close());
        }
    }

    private void measure(boolean deflate, int duration) throws InterruptedException {
        loops.values().forEach(l -> l.measuring = true);
        List<RawT71Client> measured = new ArrayList<>(clients);
        long[] statesBefore = measured.stream().mapToLong(RawT71Client::states).toArray();
        long[] lagBefore = lag();
        long messagesBefore = sum(l -> l.messages.get());
        long bytesBefore = sum(l -> l.wireBytes.get());
        long inflationsBefore = sum(l -> l.stamps.inflations());
        long cpuBefore = os.getProcessCpuTime();
        long from = System.nanoTime();
        for (int s = 5; s <= duration; s += 5) {
            long[] mark = lag();
            long cpuMark = os.getProcessCpuTime();
            long wallMark = System.nanoTime();
            TimeUnit.SECONDS.sleep(5);
            long[] window = LagHistogram.minus(lag(), mark);
            System.out.printf(Locale.ROOT,
                    "  t=%3ds clients=%d lag p50=%d ms p99=%d ms max=%d ms (%d updates) generator cpu=%.2f cores load=%s%n",
                    s, clients.size(), LagHistogram.percentile(window, 0.5), LagHistogram.percentile(window, 0.99),
                    LagHistogram.percentile(window, 1.0), LagHistogram.total(window),
                    (os.getProcessCpuTime() - cpuMark) / (double) (System.nanoTime() - wallMark), loadAverage());
        }
        loops.values().forEach(l -> l.measuring = false);
        double seconds = (System.nanoTime() - from) / 1e9;
        double cores = (os.getProcessCpuTime() - cpuBefore) / (seconds * 1e9);
        long[] all = LagHistogram.minus(lag(), lagBefore);
        long received = sum(l -> l.messages.get()) - messagesBefore;
        double[] perClient = new double[measured.size()];
        for (int i = 0; i < perClient.length; i++) {
            perClient[i] = (measured.get(i).states() - statesBefore[i]) / seconds;
        }
        Arrays.sort(perClient);
        System.out.printf(Locale.ROOT,
                "RESULT clients=%d deflate=%s duration=%.0fs messages=%d (%.0f/s) states per client per s: mean %.2f min %.2f p1 %.2f "
                        + "lag p50=%d ms p99=%d ms p99.9=%d ms max=%d ms wire=%.1f MB/s generator cpu=%.2f cores "
                        + "inflations=%d load=%s%n",
                clients.size(), deflate, seconds, received, received / seconds, mean(perClient),
                perClient.length == 0 ? 0 : perClient[0], perClient.length == 0 ? 0 : perClient[perClient.length / 100],
                LagHistogram.percentile(all, 0.5), LagHistogram.percentile(all, 0.99),
                LagHistogram.percentile(all, 0.999), LagHistogram.percentile(all, 1.0),
                (sum(l -> l.wireBytes.get()) - bytesBefore) / seconds / 1e6, cores,
                sum(l -> l.stamps.inflations()) - inflationsBefore, loadAverage());
    }

    private long[] lag() {
        long[] total = null;
        for (LoopStats l : loops.values()) {
            long[] one = l.lag.snapshot();
            if (total == null) {
                total = one;
            } else {
                for (int i = 0; i < one.length; i++) {
                    total[i] += one[i];
                }
            }
        }
        return total == null ? new LagHistogram().snapshot() : total;
    }

    private long sum(java.util.function.ToLongFunction<LoopStats> f) {
        return loops.values().stream().mapToLong(f).sum();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /** The 1, 5 and 15 minute load averages: other builds share the cores, so every figure carries it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
