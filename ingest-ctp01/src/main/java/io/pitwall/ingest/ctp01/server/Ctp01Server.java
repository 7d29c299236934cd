package io.pitwall.ingest.ctp01.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pitwall.ingest.ctp01.Ctp01Config;
import io.pitwall.ingest.ctp01.codec.Ctp01Codec;
import io.pitwall.ingest.ctp01.codec.Ctp01LineParser;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.session.Ctp01Session;
import io.pitwall.ingest.ctp01.session.SessionServices;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CTP01 TCP server: one listening socket per configured port, each connection getting
 * <pre>idle detection → line framer → line decoder → line encoder → {@link Ctp01Session}</pre>
 * The idle handler sits first so that every byte read counts as a sign of life, before any decoding.
 */
public final class Ctp01Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ctp01Server.class);

    private final Ctp01Config config;
    private final SessionServices services;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup("ctp01", GlobalEventExecutor.INSTANCE);
    private final Map<Listener, Integer> boundPorts = new LinkedHashMap<>();

    public Ctp01Server(Ctp01Config config, SessionServices services) {
        this.config = config;
        this.services = services;
    }

    /** Binds every port; returns when all listen. */
    public Ctp01Server start() throws InterruptedException {
        try {
            for (Listener listener : config.listeners()) {
                Channel server = new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        // a restarted service must get its port back while old connections sit in TIME_WAIT
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childHandler(initializer(listener))
                        .bind(new InetSocketAddress(config.bindAddress(), listener.port()))
                        .sync()
                        .channel();
                channels.add(server);
                int port = ((InetSocketAddress) server.localAddress()).getPort();
                boundPorts.put(listener, port);
                LOG.info("CTP01 server listening on {}:{} for venues {} ({} mode, authentication {}, time-format {})",
                        config.bindAddress(), port, listener.venues().stream().map(v -> v.id()).toList(),
                        listener.greeting().streamMode().optionValue(),
                        listener.greeting().authentication().optionValue(),
                        listener.greeting().timeFormat().optionValue());
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private ChannelInitializer<SocketChannel> initializer(Listener listener) {
        Ctp01LineParser parser = listener.onlyVenue().map(v -> v.parser())
                .orElseGet(() -> Ctp01LineParser.beforeVenueKnown(listener.greeting().timeFormat()));
        long idle = config.idleTimeout().toMillis();
        long ping = config.pingInterval().toMillis();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channels.add(channel);
                channel.pipeline().addLast("idle", new IdleStateHandler(idle, ping, 0, TimeUnit.MILLISECONDS));
                Ctp01Codec.install(channel.pipeline(), parser, config.maxLineLength());
                channel.pipeline().addLast("session", new Ctp01Session(services, listener));
            }
        };
    }

    /** The port {@code listener} is bound to (differs from the configured one when that was 0). */
    public int boundPort(Listener listener) {
        Integer port = boundPorts.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("not listening for " + listener);
        }
        return port;
    }

    /** Open client connections. */
    public int connections() {
        return (int) channels.stream().filter(c -> c instanceof SocketChannel).count();
    }

    /** Stops listening and closes every client connection, which stops their input at once. */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
