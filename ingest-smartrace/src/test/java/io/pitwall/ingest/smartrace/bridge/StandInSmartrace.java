package io.pitwall.ingest.smartrace.bridge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stand-in for a real Smartrace Connect on a tablet: records what it receives per connection,
 * answers {@code api_version} with its own controller data (driver "Tablet"), can push frames to its
 * clients, and can be stopped and started again on the same port.
 */
public final class StandInSmartrace implements AutoCloseable {

    public record Received(int connection, String text) {
    }

    public static final String CONTROLLER_DATA =
            "{\"type\":\"update_controller_data\",\"data\":{\"1\":{\"color\":\"black\",\"backgroundColor\":\"red\",\"driver\":\"Tablet\",\"car\":\"Slot\"}}}";
    public static final List<String> HANDSHAKE = List.of(CONTROLLER_DATA,
            "{\"type\":\"update_server_info\",\"data\":{\"is_subscribed\":true}}",
            "{\"type\":\"api_version\",\"data\":{\"api_version\":6}}");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Channel> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final int port;
    private Channel server;

    public StandInSmartrace() throws InterruptedException {
        this.port = bind(0);
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> texts(int connection) {
        return received.stream().filter(r -> r.connection() == connection).map(Received::text).toList();
    }

    public int connections() {
        return connections.get();
    }

    /** Sends {@code text} to every connected client. */
    public void push(String text) {
        clients.forEach(c -> c.writeAndFlush(new TextWebSocketFrame(text)));
    }

    /** The tablet goes away: stops listening and drops every client. */
    public void stop() {
        server.close().awaitUninterruptibly();
        clients.forEach(c -> c.close().awaitUninterruptibly());
        clients.clear();
    }

    /** The tablet is back on the same port. */
    public void restart() throws InterruptedException {
        bind(port);
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private int bind(int onPort) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int connection = connections.incrementAndGet();
                        clients.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/", null, false, 65_536, false, true),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        received.add(new Received(connection, frame.text()));
                                        if (frame.text().contains("\"api_version\"")) {
                                            HANDSHAKE.forEach(h -> ctx.write(new TextWebSocketFrame(h)));
                                            ctx.flush();
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", onPort)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
