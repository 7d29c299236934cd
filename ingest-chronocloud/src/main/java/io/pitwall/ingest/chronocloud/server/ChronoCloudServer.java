package io.pitwall.ingest.chronocloud.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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
import io.pitwall.ingest.chronocloud.codec.ConfirmationEncoder;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import io.pitwall.ingest.chronocloud.codec.PduFrameDecoder;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.core.net.HandshakeDeadline;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ChronoCloud 2 WebSocket server. Pipeline of each connection:
 * <pre>
 * ConnectionLimiter → [SslHandler] → IdleStateHandler → HttpServerCodec → HttpObjectAggregator
 *   → WebSocketServerProtocolHandler → HandshakeDeadline → WebSocketFrameAggregator → PduFrameDecoder
 *   → ConfirmationEncoder → HttpFallbackHandler → SessionHandler
 * </pre>
 * The idle timer sits before the HTTP codec so any byte counts as life, including the handshake; the
 * handshake deadline bounds the whole upgrade, however slowly its bytes trickle in.
 */
public final class ChronoCloudServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChronoCloudServer.class);
    /** The upgrade request has no body; headers beyond this are not a WebSocket client's. */
    private static final int MAX_HANDSHAKE_BYTES = 8192;

    private final ServerSettings settings;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("chronocloud", GlobalEventExecutor.INSTANCE);
    private final ConnectionLimiter limiter;
    private final Channel serverChannel;

    private ChronoCloudServer(ServerSettings settings, SessionContext context, Consumer<Channel> onHandshake)
            throws InterruptedException {
        this.settings = settings;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerAddress(),
                context.chronoMetrics());
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("chronocloud-accept"),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("chronocloud-io"),
                NioIoHandler.newFactory());
        HttpFallbackHandler fallback = new HttpFallbackHandler(settings.path());
        ConfirmationEncoder confirmations = new ConfirmationEncoder();
        PduDecoder decoder = new PduDecoder();
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(settings.path())
                .checkStartsWith(true)
                .maxFramePayloadLength(settings.maxFrameBytes())
                .handshakeTimeoutMillis(settings.handshakeTimeout().toMillis())
                .allowExtensions(false)
                .build();
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            ChannelPipeline p = ch.pipeline();
                            p.addLast("limits", limiter);
                            settings.tls().ifPresent(tls -> p.addLast("tls", tls.newHandler(ch.alloc())));
                            p.addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0,
                                    TimeUnit.MILLISECONDS));
                            p.addLast("http", new HttpServerCodec());
                            p.addLast("handshake-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
                            p.addLast("websocket", new WebSocketServerProtocolHandler(webSocket));
                            p.addLast("handshake-deadline", new HandshakeDeadline(settings.handshakeTimeout(),
                                    context.metrics()));
                            p.addLast("message-aggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()));
                            p.addLast("pdu-decoder", new PduFrameDecoder(decoder));
                            p.addLast("confirmation-encoder", confirmations);
                            p.addLast("http-fallback", fallback);
                            p.addLast("session", new SessionHandler(context, onHandshake));
                        }
                    })
                    .bind(settings.bindAddress(), settings.port()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            throw e;
        }
        LOG.info("ChronoCloud 2 WebSocket server listening on {}://{}:{}{} (frames up to {} bytes, {} connections, {} per"
                + " address, idle timeout {} s)", settings.tls().isPresent() ? "wss" : "ws", settings.bindAddress(), port(),
                settings.path(), settings.maxFrameBytes(), settings.maxConnections(), settings.maxConnectionsPerAddress(),
                settings.idleTimeout().toSeconds());
    }

    /**
     * Binds and starts serving.
     *
     * @param onHandshake called with each channel once its WebSocket handshake completed
     */
    public static ChronoCloudServer start(ServerSettings settings, SessionContext context, Consumer<Channel> onHandshake)
            throws InterruptedException {
        return new ChronoCloudServer(settings, context, onHandshake);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Open connections, handshaken or not. */
    public int connections() {
        return limiter.connections();
    }

    public boolean isListening() {
        return serverChannel.isActive();
    }

    /** Stops accepting, closes every connection (unconfirmed PDUs are re-sent by the stations elsewhere). */
    @Override
    public void close() {
        int port = port();
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
        LOG.info("ChronoCloud 2 WebSocket server on port {} stopped", port);
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
