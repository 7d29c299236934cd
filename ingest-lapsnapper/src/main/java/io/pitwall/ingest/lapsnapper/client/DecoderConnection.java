package io.pitwall.ingest.lapsnapper.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.LapSnapperConfig;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec;
import io.pitwall.ingest.lapsnapper.commands.CommandTarget;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest's link to one LapSnapper server: connect, handshake, and when the connection fails or drops, wait
 * ({@link ReconnectBackoff}) and start over — the Netty "uptime client" pattern with a fresh channel per attempt,
 * all on one event loop so no state needs locking.
 *
 * <p>The backoff is reset only after a successful <em>handshake</em>, not after a TCP connect: a server that
 * accepts the connection and then refuses the password must still be retried with growing delays.
 *
 * <p>Thread-safe: {@link #send}, {@link #stop} and the getters may be called from any thread.
 */
public final class DecoderConnection implements SessionCallbacks, CommandTarget {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderConnection.class);

    private final DecoderServer server;
    private final LapSnapperConfig config;
    private final EventLoop loop;
    private final ReconnectBackoff backoff;
    private final DecoderListener listener;
    private final IngestMetrics metrics;
    private final ReadPauses pauses;
    private final Consumer<Channel> channelSetup;
    private final LongSupplier wallClockMillis;
    private final Bootstrap bootstrap;
    private final List<Consumer<? super CommandTarget>> readyListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    // confined to the event loop
    private DecoderSession session;
    private Channel channel;
    private ScheduledFuture<?> reconnectTimer;
    private boolean stopped;
    private boolean everReady;
    private boolean outageReported;

    // read from other threads
    private volatile StreamKey stream;
    private volatile boolean ready;
    private volatile String state = "not started";

    /**
     * @param channelSetup applied to every new channel, e.g. ingest-core's {@code AutoReadSwitch::attach}
     */
    public DecoderConnection(DecoderServer server, LapSnapperConfig config, EventLoop loop, ReconnectBackoff backoff,
                             DecoderListener listener, IngestMetrics metrics, ReadPauses pauses,
                             Consumer<Channel> channelSetup, LongSupplier wallClockMillis) {
        this.server = Objects.requireNonNull(server, "server");
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.pauses = Objects.requireNonNull(pauses, "pauses");
        this.channelSetup = Objects.requireNonNull(channelSetup, "channelSetup");
        this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    @Override
    public DecoderServer server() {
        return server;
    }

    /** The decoder stream of the current or last handshake; empty before the first one. */
    @Override
    public Optional<StreamKey> stream() {
        return Optional.ofNullable(stream);
    }

    /** The stream id for events about this connection: the decoder's once known, else the server address. */
    @Override
    public String streamIdForStatus() {
        StreamKey s = stream;
        return s != null ? s.streamId() : server.venueId() + "/" + server.address();
    }

    /** Whether a handshaken connection is open now. */
    @Override
    public boolean isReady() {
        return ready;
    }

    /** Failed attempts since the last successful handshake: how far the reconnect backoff has grown. */
    public int consecutiveFailures() {
        return backoff.attempts();
    }

    /** One line for health details, e.g. {@code connected, decoder 10022} or {@code handshake failed: ...}. */
    @Override
    public String state() {
        return state;
    }

    /** Called (on the event loop) every time a handshake succeeds, e.g. to deliver held commands. */
    @Override
    public void onReady(Consumer<? super CommandTarget> readyListener) {
        readyListeners.add(readyListener);
    }

    public void start() {
        loop.execute(this::connect);
    }

    /**
     * Sends a message over the current handshaken connection. Fails with {@link NotConnectedException} when there
     * is none; completes when the bytes were written to the socket.
     */
    @Override
    public CompletionStage<Void> send(LapSnapperMessage message) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        loop.execute(() -> {
            if (session == null || !session.isReady()) {
                sent.completeExceptionally(new NotConnectedException("LapSnapper " + server.name()
                        + " is not connected (" + state + ")"));
                return;
            }
            session.sendCommand(message).addListener(f -> {
                if (f.isSuccess()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(f.cause());
                }
            });
        });
        return sent;
    }

    /** Stops reconnecting and closes the connection; completes when it is closed. */
    public CompletableFuture<Void> stop() {
        loop.execute(() -> {
            stopped = true;
            state = "stopped";
            if (reconnectTimer != null) {
                reconnectTimer.cancel(false);
            }
            if (session != null) {
                session.stop();
            } else if (channel != null) {
                channel.close();
            }
            if (channel == null || !channel.isOpen()) {
                terminated.complete(null);
            } else {
                channel.closeFuture().addListener(f -> terminated.complete(null));
            }
        });
        return terminated;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        state = "connecting to " + server.address();
        DecoderSession newSession = new DecoderSession(server, config, this, metrics, pauses, wallClockMillis,
                System::nanoTime);
        ChannelFuture connecting = bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        LapSnapperCodec.addTo(ch.pipeline(), config.maxFrameSize());
                        ch.pipeline().addLast("lapsnapper-session", newSession);
                    }
                })
                .connect(server.host(), server.port());
        channel = connecting.channel();
        session = newSession;
        connecting.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                metrics.connectionOpened(server.venueId());
                state = "handshaking with " + server.address();
                channelSetup.accept(f.channel());
            } else {
                connectFailed(f.cause());
            }
        });
    }

    private void connectFailed(Throwable cause) {
        session = null;
        if (stopped) {
            terminated.complete(null);
            return;
        }
        String detail = "cannot connect to LapSnapper at " + server.address() + ": " + describe(cause);
        state = detail;
        if (!outageReported) {
            outageReported = true;
            listener.disconnected(this, CloseReason.IO_ERROR, detail);
        }
        scheduleReconnect(detail);
    }

    private void scheduleReconnect(String why) {
        if (stopped) {
            terminated.complete(null);
            return;
        }
        Duration delay = backoff.nextDelay();
        LOG.info("LapSnapper {}: {}; reconnecting in {} ms", server.name(), why, delay.toMillis());
        reconnectTimer = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---- SessionCallbacks, on the event loop ----

    @Override
    public void handshakeSucceeded(DecoderSession s, ServerInfo info) {
        stream = new StreamKey(server.venueId(), info.decoderInfo().deviceId());
        ready = true;
        state = "connected, decoder " + info.decoderInfo().deviceId();
        backoff.reset();
        if (everReady || outageReported) {
            metrics.reconnect(server.venueId());
        }
        everReady = true;
        outageReported = false;
        LOG.info("LapSnapper {}: handshake complete, decoder {} ({}), system state {}", server.name(),
                info.decoderInfo().deviceId(), stream.streamId(), info.systemState());
        listener.connected(this, info);
        for (Consumer<? super CommandTarget> readyListener : readyListeners) {
            readyListener.accept(this);
        }
    }

    @Override
    public void timeEvent(TimeEvent event, Instant receivedAt) {
        listener.timeEvent(this, event, receivedAt);
    }

    @Override
    public void startMatic(StartMaticStatus status) {
        listener.startMatic(this, status);
    }

    @Override
    public void decoderTime(long offsetMillis, long roundTripMillis) {
        listener.clockOffset(this, offsetMillis, roundTripMillis);
    }

    @Override
    public void decoderTimeFailed() {
        listener.decoderTimeUnavailable(this);
    }

    @Override
    public void sessionClosed(DecoderSession s, boolean wasReady, CloseReason reason, String detail) {
        metrics.connectionClosed(server.venueId());
        if (session == s) {
            session = null;
        }
        ready = false;
        if (wasReady) {
            if (reason == CloseReason.HEARTBEAT_LOST) {
                LOG.warn("LapSnapper {}: heartbeat lost, {}", server.name(), detail);
                listener.heartbeatLost(this, detail);
            } else if (reason != CloseReason.STOPPED) {
                LOG.warn("LapSnapper {}: connection lost ({}): {}", server.name(), reason, detail);
            }
            listener.disconnected(this, reason, detail);
            outageReported = true;
        } else if (reason != CloseReason.STOPPED) {
            LOG.warn("LapSnapper {}: handshake failed ({}): {}", server.name(), reason, detail);
            listener.handshakeFailed(this, reason, detail);
        }
        state = (wasReady ? "disconnected: " : "handshake failed: ") + detail;
        scheduleReconnect(wasReady ? "connection lost" : "handshake failed");
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
