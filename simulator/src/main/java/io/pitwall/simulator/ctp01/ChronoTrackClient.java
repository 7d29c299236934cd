package io.pitwall.simulator.ctp01;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated ChronoTrack client: connects its {@link ChronoTrackBox} to a CTP01 server, speaks
 * first, and serves the server's commands until stopped, reconnecting after every lost connection
 * like a box in the field.
 */
public final class ChronoTrackClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChronoTrackClient.class);
    private static final int MAX_SERVER_LINE = 8192;

    private final ChronoTrackBox box;
    private final ClientConfig config;
    private final Ctp01Faults faults = new Ctp01Faults();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicReference<Channel> channel = new AtomicReference<>();
    private final AtomicReference<ClientSession> session = new AtomicReference<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sessionsReady = new AtomicInteger();
    private final AtomicInteger authorizationRejections = new AtomicInteger();
    private volatile boolean running;

    public ChronoTrackClient(ChronoTrackBox box, ClientConfig config) {
        this.box = box;
        this.config = config;
        faults.onBurstReleased(() -> {
            ClientSession current = session.get();
            if (current != null) {
                current.eventsAvailable();
            }
        });
    }

    public ChronoTrackBox box() {
        return box;
    }

    public Ctp01Faults faults() {
        return faults;
    }

    /** Starts connecting; returns at once. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        connect();
    }

    /** Drops the current connection as a network failure would; the client reconnects. */
    public void dropConnection() {
        Channel current = channel.get();
        if (current != null) {
            current.close();
        }
    }

    /** TCP connections made so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections that got through the greeting (and authorization) to taking commands. */
    public int sessionsReady() {
        return sessionsReady.get();
    }

    public int authorizationRejections() {
        return authorizationRejections.get();
    }

    /** Whether a session is currently taking commands. */
    public boolean isReady() {
        ClientSession current = session.get();
        return current != null && current.isReady();
    }

    /** The options the server requested on the current connection, if any. */
    Optional<RequestedOptions> currentOptions() {
        return Optional.ofNullable(session.get()).map(ClientSession::options);
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        Channel current = channel.get();
        if (current != null) {
            current.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void connect() {
        if (!running || group.isShuttingDown()) {
            return;
        }
        ClientSession next = new ClientSession(box, config, faults, new SessionEvents());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_SERVER_LINE));
                        ch.pipeline().addLast(new StringDecoder(StandardCharsets.UTF_8));
                        ch.pipeline().addLast(next);
                    }
                });
        ChannelFuture future = bootstrap.connect(config.host(), config.port());
        future.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("connect to {}:{} failed: {}", config.host(), config.port(), done.cause().toString());
                scheduleReconnect();
                return;
            }
            connections.incrementAndGet();
            Channel connected = future.channel();
            connected.closeFuture().addListener(closed -> {
                session.compareAndSet(next, null);
                channel.compareAndSet(connected, null);
                scheduleReconnect();
            });
        });
    }

    private void scheduleReconnect() {
        if (!running || config.reconnectDelay() == null || group.isShuttingDown()) {
            return;
        }
        try {
            group.schedule(this::connect, config.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not reconnecting: client is shutting down");
        }
    }

    /** What a session reports back to its client. */
    final class SessionEvents {
        /**
         * The session's connection is up, before it writes or reads anything: the current session and channel are set
         * here, not in the connect listener, which can run after the first lines were already exchanged (the listener
         * clears them when the connection closes).
         */
        void connected(ClientSession connectedSession, Channel connectedChannel) {
            session.set(connectedSession);
            channel.set(connectedChannel);
        }

        void ready() {
            sessionsReady.incrementAndGet();
        }

        void authorizationRejected() {
            authorizationRejections.incrementAndGet();
        }
    }
}
