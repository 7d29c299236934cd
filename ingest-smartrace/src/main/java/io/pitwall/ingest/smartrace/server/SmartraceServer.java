package io.pitwall.ingest.smartrace.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pitwall.ingest.core.net.HandshakeDeadline;
import io.pitwall.ingest.smartrace.codec.SmartraceFrameCodec;
import io.pitwall.ingest.smartrace.venue.VenueRouter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket server sensors connect to: the main port (venue by path, default venue at the root)
 * and one port per port-bound venue. Pipeline per connection:
 * idle detection → HTTP → upgrade gate (venue, token, limit) → WebSocket handshake and protocol
 * (pings, close) → message aggregation (bounded) → Smartrace codec → {@link SensorConnectionHandler}.
 */
public final class SmartraceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartraceServer.class);
    /** An upgrade request has no body; headers are bounded by the HTTP codec. */
    private static final int MAX_UPGRADE_REQUEST = 8192;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final ServerSettings settings;
    private final ConnectionServices services;
    private final ConnectionLimit limit;
    private final ChannelGroup channels = new DefaultChannelGroup("smartrace-sensors", GlobalEventExecutor.INSTANCE);
    private final Map<String, Integer> boundPorts = new LinkedHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    public SmartraceServer(ServerSettings settings, ConnectionServices services) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.services = Objects.requireNonNull(services, "services");
        this.limit = new ConnectionLimit(settings.maxConnections());
    }

    /** Binds every port; returns once they listen. */
    public SmartraceServer start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("smartrace-accept"), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(settings.workerThreads(), new DefaultThreadFactory("smartrace-io"),
                NioIoHandler.newFactory());
        try {
            int main = bind(settings.port(), VenueRouter.mainPort(settings.defaultVenue(), settings.pathVenues()));
            boundPorts.put("", main);
            LOG.info("Smartrace sensors: ws://{}:{}/ ({}), ws://{}:{}/venues/<id> for venues {}", settings.bindAddress(),
                    main, settings.defaultVenue() != null ? "venue " + settings.defaultVenue() : "no default venue",
                    settings.bindAddress(), main, settings.pathVenues());
            for (Map.Entry<String, Integer> venuePort : settings.venuePorts().entrySet()) {
                int port = bind(venuePort.getValue(), VenueRouter.venuePort(venuePort.getKey()));
                boundPorts.put(venuePort.getKey(), port);
                LOG.info("Smartrace sensors of venue {}: ws://{}:{}/", venuePort.getKey(), settings.bindAddress(), port);
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The main port as bound (useful with port 0). */
    public int port() {
        return boundPorts.get("");
    }

    /** The port of a port-bound venue as bound. */
    public int portOf(String venue) {
        Integer port = boundPorts.get(venue);
        if (port == null) {
            throw new IllegalArgumentException("Venue " + venue + " has no port of its own");
        }
        return port;
    }

    /** Open sensor connections. */
    public int connections() {
        return limit.current();
    }

    private int bind(int port, VenueRouter router) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // a sensor that stops reading must not make the server buffer without bound
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        configure(ch.pipeline(), router);
                    }
                })
                .bind(new InetSocketAddress(settings.bindAddress(), port))
                .sync()
                .channel();
        channels.add(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void configure(ChannelPipeline p, VenueRouter router) {
        p.addLast(new IdleStateHandler(settings.idleTimeout().toMillis(), settings.pingInterval().toMillis(), 0,
                TimeUnit.MILLISECONDS));
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
        p.addLast(new SensorRequestGate(router, settings.token(), limit, services.metrics()));
        p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .maxFramePayloadLength(settings.maxMessageBytes())
                .allowExtensions(false)
                .dropPongFrames(true)
                .build()));
        // Netty's handshake timeout starts only once the whole request is in: bound the trickling part too
        p.addLast(new HandshakeDeadline(Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS), services.ingestMetrics()));
        p.addLast(new WebSocketFrameAggregator(settings.maxMessageBytes()));
        p.addLast(new SmartraceFrameCodec());
        p.addLast(new SensorConnectionHandler(services));
    }

    /** Stops listening and closes every sensor connection (and with it its bridge link). */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
